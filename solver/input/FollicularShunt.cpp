#include "input/FollicularShunt.hpp"

#include <numbers>

namespace dermaflux::input {

std::optional<Follicles> follicle_preset(std::string_view name) {
  // Jacobi et al. 2007 (FollicularShunt.hpp): the middle of 11-25 per cm^2 and of
  // 58-97 um; "approximately 200 um" orifices.
  if (name == "porcine_ear") return Follicles{"porcine_ear", 18.0 / 1e-4, 200e-6, 77.5e-6};
  return std::nullopt;
}

double follicular_permeability_m_s(const Follicles& follicles, double vehicle_diffusivity_m2_s,
                                   double barrier_thickness_m, double tissue_diffusivity_m2_s,
                                   double tissue_partition) {
  const double d_o = follicles.orifice_diameter_m;
  const double d_h = follicles.hair_diameter_m;
  const double open_area_m2 = std::numbers::pi / 4.0 * (d_o * d_o - d_h * d_h);
  if (follicles.density_per_m2 <= 0.0 || open_area_m2 <= 0.0) return 0.0;
  const double lumen_m3_s = open_area_m2 * vehicle_diffusivity_m2_s / barrier_thickness_m;
  const double access_m3_s = 2.0 * d_o * tissue_diffusivity_m2_s * tissue_partition;
  return follicles.density_per_m2 / (1.0 / lumen_m3_s + 1.0 / access_m3_s);
}

}  // namespace dermaflux::input
