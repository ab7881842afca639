#include "run/Compare.hpp"

#include <algorithm>

#include "io/AtomicFile.hpp"
#include "io/Csv.hpp"
#include "run/Simulation.hpp"

namespace dermaflux::run {
namespace {

double delivered(const analysis::InventoryRow& row) {
  double total = row.receptor_ug_cm2 + row.cleared_ug_cm2;
  for (double layer : row.layer_ug_cm2) total += layer;
  return total;
}

std::optional<double> ratio(double needled, double intact) {
  return intact > 0.0 ? std::optional<double>(needled / intact) : std::nullopt;
}

}  // namespace

Comparison compare_serums(const std::vector<SerumChoice>& serums,
                          const std::filesystem::path& output_dir,
                          const std::function<void(const std::string&)>& on_run_start) {
  Comparison comparison;
  if (serums.empty()) return comparison;
  for (const auto& layer : serums.front().with_serum.layers)
    comparison.layer_names.push_back(layer.name);
  for (const auto& choice : serums) {
    input::Case needled = choice.with_serum;
    needled.name = choice.with_serum.name + "-" + choice.label;
    if (on_run_start) on_run_start(choice.label);
    RunOptions options;
    options.output_dir = output_dir / choice.label;
    options.overwrite = true;
    const RunResult result = run_case(needled, options);
    comparison.run_folders.push_back(choice.label);

    ComparisonRow row;
    row.label = choice.label;
    row.active = needled.serum.active;
    const auto& last = result.rows.back();
    row.receptor_ug_cm2 = last.receptor_ug_cm2;
    row.per_layer_ug_cm2 = last.layer_ug_cm2;
    row.delivered_ug_cm2 = delivered(last);
    if (result.summary.steady_state) {
      row.steady_flux_ug_cm2_h = result.summary.steady_state->flux_ug_cm2_h;
      row.lag_time_h = result.summary.steady_state->lag_time_h;
    }
    if (needled.needles) {
      input::Case intact = needled;
      intact.needles.reset();
      intact.name = needled.name + "-intact";
      if (on_run_start) on_run_start(choice.label + " on intact skin");
      options.output_dir = output_dir / (choice.label + "-intact");
      const RunResult reference = run_case(intact, options);
      comparison.run_folders.push_back(choice.label + "-intact");
      const auto& end = reference.rows.back();
      row.intact_receptor_ug_cm2 = end.receptor_ug_cm2;
      row.enhancement_ratio = ratio(row.receptor_ug_cm2, end.receptor_ug_cm2);
      row.delivery_enhancement_ratio = ratio(row.delivered_ug_cm2, delivered(end));
    }
    comparison.rows.push_back(std::move(row));
  }
  std::stable_sort(
      comparison.rows.begin(), comparison.rows.end(),
      [](const auto& a, const auto& b) { return a.receptor_ug_cm2 > b.receptor_ug_cm2; });
  return comparison;
}

void write_comparison_csv(const Comparison& comparison, const std::filesystem::path& file) {
  std::vector<std::string> columns{"rank", "serum", "active", "receptor_ug_cm2"};
  for (const auto& name : comparison.layer_names) columns.push_back(name + "_ug_cm2");
  for (const char* name :
       {"delivered_ug_cm2", "steady_flux_ug_cm2_h", "lag_time_h", "intact_receptor_ug_cm2",
        "enhancement_ratio", "delivery_enhancement_ratio"})
    columns.emplace_back(name);
  io::CsvTable csv(columns);
  int rank = 0;
  for (const auto& row : comparison.rows) {
    io::CsvLine line;
    line.integer(++rank).text(row.label).text(row.active).number(row.receptor_ug_cm2);
    for (const double amount : row.per_layer_ug_cm2) line.number(amount);
    line.number(row.delivered_ug_cm2)
        .number(row.steady_flux_ug_cm2_h)
        .number(row.lag_time_h)
        .number(row.intact_receptor_ug_cm2)
        .number(row.enhancement_ratio)
        .number(row.delivery_enhancement_ratio);
    csv.add(line);
  }
  io::write_file_atomically(file, csv.text());
}

}  // namespace dermaflux::run
