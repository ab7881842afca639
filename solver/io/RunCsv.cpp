#include "io/RunCsv.hpp"

#include "io/Csv.hpp"

namespace dermaflux::io {

std::string timeseries_header(const std::vector<std::string>& layer_names, bool film_columns) {
  std::vector<std::string> columns{"time_h", "vehicle_ug_cm2"};
  for (const auto& name : layer_names) columns.push_back(name + "_ug_cm2");
  for (const char* name : {"receptor_ug_cm2", "cleared_ug_cm2", "in_channels_ug_cm2",
                           "flux_ug_cm2_h", "mass_balance_rel"})
    columns.emplace_back(name);
  if (film_columns)
    for (const char* name : {"applied_ug_cm2", "solid_ug_cm2", "removed_ug_cm2", "film_um"})
      columns.emplace_back(name);
  return csv_header(columns);
}

std::string timeseries_line(const analysis::InventoryRow& row) {
  CsvLine line;
  line.number(row.time_h).number(row.vehicle_ug_cm2);
  for (const double amount : row.layer_ug_cm2) line.number(amount);
  line.number(row.receptor_ug_cm2)
      .number(row.cleared_ug_cm2)
      .number(row.in_channels_ug_cm2)
      .number(row.flux_ug_cm2_h)
      .number(row.mass_balance_rel);
  if (row.film)
    line.number(row.film->applied_ug_cm2)
        .number(row.film->solid_ug_cm2)
        .number(row.film->removed_ug_cm2)
        .number(row.film->film_um);
  return line.str();
}

std::string profiles_header() {
  return csv_header({"time_h", "depth_um", "layer", "mean_mg_ml", "channel_axis_mg_ml",
                     "between_channels_mg_ml"});
}

std::vector<std::string> profile_lines(double time_h,
                                       const std::vector<analysis::ProfilePoint>& profile,
                                       const std::vector<std::string>& layer_names) {
  std::vector<std::string> lines;
  for (const analysis::ProfilePoint& point : profile) {
    CsvLine line;
    line.number(time_h)
        .number(point.depth_um)
        .text(layer_names.at(static_cast<std::size_t>(point.layer - 1)))
        .number(point.mean_mg_ml)
        .number(point.channel_axis_mg_ml)
        .number(point.between_channels_mg_ml);
    lines.push_back(line.str());
  }
  return lines;
}

}  // namespace dermaflux::io
