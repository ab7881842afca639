#include "input/KastingRoutes.hpp"

#include <cmath>

namespace dermaflux::input::kasting {

double fraction_non_ionised(std::optional<double> pka_acid, std::optional<double> pka_base,
                            double ph) {
  // Henderson-Hasselbalch for each group; OSP's combination (KASTING_MODEL.md §2).
  const double acid = pka_acid ? 1.0 / (1.0 + std::pow(10.0, ph - *pka_acid)) : 1.0;
  const double base = pka_base ? 1.0 / (1.0 + std::pow(10.0, *pka_base - ph)) : 1.0;
  return 1.0 - (acid + base) + 2.0 * acid * base;
}

double polar_permeability_m_s(double molecular_weight_g_mol) {
  const double cm_h = kPolarCoefficientCm_h / std::sqrt(molecular_weight_g_mol);
  return cm_h * 1e-2 / 3600.0;
}

}  // namespace dermaflux::input::kasting
