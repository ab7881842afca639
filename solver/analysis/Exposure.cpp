#include "analysis/Exposure.hpp"

namespace dermaflux::analysis {

ExposureFigures systemic_exposure(const InventoryRow& last, double area_m2,
                                  const input::Exposure& exposure) {
  ExposureFigures f;
  f.dermal_absorption_ug_cm2 = last.receptor_ug_cm2 + last.cleared_ug_cm2;
  for (std::size_t l = 1; l < last.layer_ug_cm2.size(); ++l)
    f.dermal_absorption_ug_cm2 += last.layer_ug_cm2[l];
  const double per_day_ug =
      f.dermal_absorption_ug_cm2 * area_m2 * kCm2PerM2 * exposure.applications_per_day;
  f.systemic_exposure_mg_kg_day = per_day_ug * 1e-3 / exposure.body_weight_kg;
  if (exposure.noael_kg_kg_s && f.systemic_exposure_mg_kg_day > 0.0)
    f.margin_of_safety = *exposure.noael_kg_kg_s * kMgKgDayPerKgKgS / f.systemic_exposure_mg_kg_day;
  return f;
}

}  // namespace dermaflux::analysis
