#include "run/SummaryJson.hpp"

#include <nlohmann/json.hpp>

#include "core/BuildCommit.hpp"

namespace dermaflux::run {
namespace {

template <class T>
nlohmann::json optional_number(const std::optional<T>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

// A regimen's events (the plots mark them), the amounts over the treated area and
// the systemic exposure: only for cases that ask for them.
void add_regimen(nlohmann::ordered_json& j, const input::Case& c, const RunSummary& s) {
  if (s.applied_ug_cm2)
    j["events"] = {{"applications_h", s.applications_h}, {"removals_h", s.removals_h}};
  if (c.serum.area_m2) {
    const double cm2 = *c.serum.area_m2 * analysis::kCm2PerM2;
    nlohmann::ordered_json ug;
    ug["applied"] = s.applied_ug_cm2.value_or(s.dose_ug_cm2.value_or(0.0)) * cm2;
    ug["removed"] = s.removed_ug_cm2.value_or(0.0) * cm2;
    ug["receptor"] = s.receptor_ug_cm2 * cm2;
    ug["cleared"] = s.cleared_ug_cm2 * cm2;
    for (std::size_t l = 0; l < s.layer_names.size(); ++l)
      ug[s.layer_names[l]] = s.per_layer_ug_cm2[l] * cm2;
    j["amounts_ug"] = ug;
  }
  if (s.exposure) {
    nlohmann::ordered_json e;
    e["dermal_absorption_ug_cm2"] = s.exposure->dermal_absorption_ug_cm2;
    e["systemic_exposure_mg_kg_day"] = s.exposure->systemic_exposure_mg_kg_day;
    if (s.exposure->margin_of_safety) e["margin_of_safety"] = *s.exposure->margin_of_safety;
    j["exposure"] = e;
  }
}

}  // namespace

std::string summary_json(const input::Case& c, const RunSummary& s) {
  nlohmann::ordered_json j;
  j["name"] = c.name;
  j["active"] = c.serum.active;
  j["end_time_h"] = c.time.end_s / 3600.0;
  j["dose_ug_cm2"] = optional_number(s.dose_ug_cm2);
  if (s.applied_ug_cm2) j["applied_ug_cm2"] = *s.applied_ug_cm2;  // a film compartment's
  if (s.removed_ug_cm2) j["removed_ug_cm2"] = *s.removed_ug_cm2;
  j["receptor_ug_cm2"] = s.receptor_ug_cm2;
  j["absorbed_fraction"] = optional_number(s.absorbed_fraction);
  nlohmann::ordered_json layers = nlohmann::ordered_json::object();
  for (std::size_t l = 0; l < s.layer_names.size(); ++l)
    layers[s.layer_names[l]] = s.per_layer_ug_cm2[l];
  j["per_layer_ug_cm2"] = layers;
  j["vehicle_ug_cm2"] = s.vehicle_ug_cm2;
  j["cleared_ug_cm2"] = s.cleared_ug_cm2;
  j["in_channels_ug_cm2"] = s.in_channels_ug_cm2;
  add_regimen(j, c, s);
  if (s.steady_state) {
    j["steady_flux_ug_cm2_h"] = s.steady_state->flux_ug_cm2_h;
    j["lag_time_h"] = s.steady_state->lag_time_h;
    j["steady_state_window_h"] = {s.steady_state->window_start_h, s.steady_state->window_end_h};
  } else {
    j["steady_flux_ug_cm2_h"] = nullptr;
    j["lag_time_h"] = nullptr;
    j["steady_state_window_h"] = nullptr;
  }
  // Layer properties the case did not give, estimated from the serum (the values
  // are in case.resolved.yaml too).
  nlohmann::ordered_json estimates = nlohmann::ordered_json::array();
  for (const auto& e : c.estimates) {
    estimates.push_back({{"layer", e.layer},
                         {"property", e.property},
                         {"value", e.value},
                         {"unit", e.property == "diffusivity" ? "m^2/s"
                                  : e.property == "clearance" ? "1/s"
                                                              : "1"},
                         {"formula", e.formula}});
  }
  j["estimates"] = estimates;
  j["max_mass_balance_rel"] = s.max_mass_balance_rel;
  j["cells"] = s.cells;
  j["steps"] = s.steps;
  j["rejected_steps"] = s.rejected_steps;
  j["linear_iterations"] = s.linear_iterations;
  j["wall_s"] = s.wall_s;
  j["peak_rss_mb"] = s.peak_rss_mb;
  j["ranks"] = s.ranks;
  j["dermaflux_version"] = DERMAFLUX_VERSION;
  j["dermaflux_commit"] = build_commit();
  return j.dump(2) + "\n";
}

}  // namespace dermaflux::run
