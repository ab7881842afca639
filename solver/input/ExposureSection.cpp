#include "input/CaseSections.hpp"

// `exposure:` (CASE_FORMAT.md, "Systemic exposure (cosmetic safety)"): the SCCS systemic
// exposure dose needs the treated area, so the section is refused without serum.area.
// Defaults: 60 kg, the SCCS Notes of Guidance default body weight, and one application
// a day.

namespace dermaflux::input {

Exposure read_exposure(const Located& at, const Serum& serum, const Located& serum_at) {
  const Mapping exposure(at, {"body_weight", "applications_per_day", "noael"},
                         "the exposure: a mapping with body_weight, applications_per_day and "
                         "optionally noael");
  if (!serum.area_m2) {
    Located area_at = serum_at;
    area_at.path = child_path(serum_at.path, "area");
    fail_found(area_at, describe_quantity(Dimension::Area, Sign::Positive), "no \"area\" key",
               "exposure (line " + std::to_string(at.key_where.line) +
                   ") needs the treated area: add \"area:\" to the serum, such as 25 cm^2");
  }
  Exposure result;
  if (const auto weight = exposure.find("body_weight")) {
    result.body_weight_kg = read_quantity(*weight, Dimension::Mass, Sign::Positive);
  }
  if (const auto per_day = exposure.find("applications_per_day")) {
    const std::string expected = "a number above 0 such as 2 (applications of the serum a day)";
    result.applications_per_day = read_number(*per_day, expected);
    if (!(result.applications_per_day > 0.0)) fail(*per_day, expected);
  }
  if (const auto noael = exposure.find("noael")) {
    result.noael_kg_kg_s = read_quantity(*noael, Dimension::DosePerBodyWeight, Sign::Positive);
  }
  return result;
}

}  // namespace dermaflux::input
