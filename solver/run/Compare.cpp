#include "run/Compare.hpp"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/Error.hpp"
#include "input/CaseWriter.hpp"
#include "io/AtomicFile.hpp"
#include "io/Csv.hpp"
#include "io/RunFolder.hpp"
#include "run/Simulation.hpp"

namespace dermaflux::run {
namespace {

double delivered(const analysis::InventoryRow& row) {
  double total = row.receptor_ug_cm2 + row.cleared_ug_cm2;
  for (double layer : row.layer_ug_cm2) total += layer;
  return total;
}

// What compare takes from one run's end: its last inventory and steady state.
struct RunEnd {
  analysis::InventoryRow last;
  std::optional<analysis::SteadyState> steady_state;
};

std::optional<double> number_or_null(const nlohmann::json& value) {
  return value.is_number() ? std::optional(value.get<double>()) : std::nullopt;
}

// A finished run read back from its summary.json (the last row's figures, to the
// bit: JSON numbers round-trip), so a rerun of an interrupted compare keeps it.
RunEnd read_finished(const input::Case& c, const std::filesystem::path& folder) {
  std::ifstream in(folder / "summary.json");
  const nlohmann::json summary = nlohmann::json::parse(in, nullptr, false);
  if (summary.is_discarded())
    throw IoError("cannot read " + (folder / "summary.json").string() + ": not JSON");
  RunEnd end;
  end.last.receptor_ug_cm2 = summary.at("receptor_ug_cm2").get<double>();
  end.last.cleared_ug_cm2 = summary.at("cleared_ug_cm2").get<double>();
  for (const auto& layer : c.layers)
    end.last.layer_ug_cm2.push_back(summary.at("per_layer_ug_cm2").at(layer.name).get<double>());
  const auto flux = number_or_null(summary.at("steady_flux_ug_cm2_h"));
  const auto lag = number_or_null(summary.at("lag_time_h"));
  if (flux && lag) {
    end.steady_state.emplace();
    end.steady_state->flux_ug_cm2_h = *flux;
    end.steady_state->lag_time_h = *lag;
  }
  return end;
}

// One run of the comparison: kept when its folder holds it finished, resumed
// when an interrupted compare left its checkpoint, else run anew.
RunEnd run_or_keep(const input::Case& c, RunOptions options, const CompareOptions& compare,
                   const std::string& what) {
  if (io::holds_finished_run(options.output_dir, input::write_case_yaml(c))) {
    if (compare.on_run_start) compare.on_run_start("keeping " + what + ", finished before");
    return read_finished(c, options.output_dir);
  }
  if (compare.on_run_start) compare.on_run_start("running " + what);
  options.resume = std::filesystem::exists(options.output_dir / "checkpoint.bin");
  RunResult result;
  try {
    result = run_case(c, options);
  } catch (const UsageError&) {
    if (!options.resume) throw;
    options.resume = false;  // a checkpoint of another case: start anew
    result = run_case(c, options);
  }
  return {result.rows.back(), result.summary.steady_state};
}

std::optional<double> ratio(double needled, double intact) {
  return intact > 0.0 ? std::optional<double>(needled / intact) : std::nullopt;
}

}  // namespace

Comparison compare_serums(const std::vector<SerumChoice>& serums,
                          const std::filesystem::path& output_dir, const CompareOptions& compare) {
  Comparison comparison;
  if (serums.empty()) return comparison;
  for (const auto& layer : serums.front().with_serum.layers)
    comparison.layer_names.push_back(layer.name);
  for (const auto& choice : serums) {
    input::Case needled = choice.with_serum;
    needled.name = choice.with_serum.name + "-" + choice.label;
    RunOptions options;
    options.output_dir = output_dir / choice.label;
    options.overwrite = true;
    options.stop_requested = compare.stop_requested;
    options.resume_hint = compare.resume_hint;
    const RunEnd result = run_or_keep(needled, options, compare, choice.label);
    comparison.run_folders.push_back(choice.label);

    ComparisonRow row;
    row.label = choice.label;
    row.active = needled.serum.active;
    const auto& last = result.last;
    row.receptor_ug_cm2 = last.receptor_ug_cm2;
    row.per_layer_ug_cm2 = last.layer_ug_cm2;
    row.delivered_ug_cm2 = delivered(last);
    if (result.steady_state) {
      row.steady_flux_ug_cm2_h = result.steady_state->flux_ug_cm2_h;
      row.lag_time_h = result.steady_state->lag_time_h;
    }
    if (needled.needles) {
      input::Case intact = needled;
      intact.needles.reset();
      intact.name = needled.name + "-intact";
      options.output_dir = output_dir / (choice.label + "-intact");
      const RunEnd reference =
          run_or_keep(intact, options, compare, choice.label + " on intact skin");
      comparison.run_folders.push_back(choice.label + "-intact");
      const auto& end = reference.last;
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
