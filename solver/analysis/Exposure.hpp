#pragma once
// Systemic exposure of a cosmetic's treated area (CASE_FORMAT.md, "Systemic
// exposure"), after the SCCS Notes of Guidance (SCCS/1647/22, section 3-3.5):
// the dermal absorption is what reached below the top layer (every lower layer,
// the receptor and the cleared pool at the end of the run), the systemic exposure
// dosage SED = dermal absorption x treated area x applications per day / body
// weight, and the margin of safety MoS = NOAEL / SED.

#include <optional>

#include "analysis/Inventory.hpp"
#include "input/Case.hpp"

namespace dermaflux::analysis {

struct ExposureFigures {
  double dermal_absorption_ug_cm2 = 0.0;
  double systemic_exposure_mg_kg_day = 0.0;
  std::optional<double> margin_of_safety;  // with a NOAEL
};

// From the last row of a run over `area_m2` of skin.
ExposureFigures systemic_exposure(const InventoryRow& last, double area_m2,
                                  const input::Exposure& exposure);

// 1 m^2 = 1e4 cm^2; a NOAEL of 1 kg/kg/s is 1e6 mg/kg x 86 400 s/day.
inline constexpr double kCm2PerM2 = 1e4;
inline constexpr double kMgKgDayPerKgKgS = 1e6 * 86400.0;

}  // namespace dermaflux::analysis
