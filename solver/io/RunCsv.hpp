#pragma once
// The lines of a run's two tables (CASE_FORMAT.md, "Outputs"), written by the
// CSV writer (io/Csv.hpp) from analysis's rows:
//   timeseries.csv  time_h,vehicle_ug_cm2,<layer>_ug_cm2...,receptor_ug_cm2,
//                   cleared_ug_cm2,in_channels_ug_cm2,flux_ug_cm2_h,mass_balance_rel
//                   [,applied_ug_cm2,solid_ug_cm2,removed_ug_cm2,film_um: a film
//                   compartment's, timestep/FilmCompartment.hpp]
//   profiles.csv    time_h,depth_um,layer,mean_mg_ml,channel_axis_mg_ml,
//                   between_channels_mg_ml (the last two empty for intact skin)
// Lines have no line end: RunFolder appends them as the run goes.

#include <string>
#include <vector>

#include "analysis/DepthProfile.hpp"
#include "analysis/Inventory.hpp"

namespace dermaflux::io {

// Layer columns named after the layers; `film_columns`: a film compartment's appended.
std::string timeseries_header(const std::vector<std::string>& layer_names,
                              bool film_columns = false);
std::string timeseries_line(const analysis::InventoryRow& row);

std::string profiles_header();
// The lines of one output: one per skin plane, layer names by material.
std::vector<std::string> profile_lines(double time_h,
                                       const std::vector<analysis::ProfilePoint>& profile,
                                       const std::vector<std::string>& layer_names);

}  // namespace dermaflux::io
