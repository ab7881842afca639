#include "batch/BatchRunner.hpp"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>

#include "batch/BatchTally.hpp"
#include "batch/JobThreads.hpp"
#include "input/CaseWriter.hpp"
#include "io/AtomicFile.hpp"
#include "io/Csv.hpp"
#include "io/RunFolder.hpp"

namespace dermaflux::batch {
namespace {

namespace fs = std::filesystem;

std::optional<nlohmann::ordered_json> read_summary(const fs::path& folder) {
  std::ifstream in(folder / "summary.json");
  if (!in) return std::nullopt;
  try {
    auto summary = nlohmann::ordered_json::parse(in);  // keeps the layers in order
    if (!summary.is_object() || !summary.contains("receptor_ug_cm2")) return std::nullopt;
    return summary;
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

// A summary.json value as a field: null (a figure the run did not have) empty,
// numbers as summary.json spells them.
void add_json(io::CsvLine& line, const nlohmann::ordered_json& value) {
  if (value.is_null())
    line.empty();
  else if (value.is_string())
    line.text(value.get<std::string>());
  else if (value.is_number_unsigned())
    line.integer(value.get<std::uint64_t>());
  else if (value.is_number_integer())
    line.integer(value.get<std::int64_t>());
  else if (value.is_number_float())
    line.number(value.get<double>());
  else
    line.text(value.dump());
}

}  // namespace

std::vector<const BatchCase*> select_shard(const std::vector<BatchCase>& cases,
                                           const Shard& shard) {
  std::vector<const BatchCase*> selected;
  for (const auto& item : cases)
    if (static_cast<int>(item.index % static_cast<std::size_t>(shard.count)) == shard.index - 1)
      selected.push_back(&item);
  return selected;
}

bool is_finished(const fs::path& folder) {
  return read_summary(folder).has_value();
}

BatchPlan plan_batch(const std::vector<BatchCase>& cases, const BatchOptions& options) {
  BatchPlan plan;
  for (const BatchCase* item : select_shard(cases, options.shard)) {
    ++plan.selected;
    const fs::path folder = options.output_dir / item->folder;
    const bool finished = is_finished(folder);
    // Trusted only when it is this very case's (same values, same end time).
    if (finished && io::holds_finished_run(folder, input::write_case_yaml(item->resolved))) {
      ++plan.skipped;
      continue;
    }
    if (finished && options.on_notice)
      options.on_notice(folder.string() +
                        " holds a finished run whose case.resolved.yaml is not this sweep's case: "
                        "running the case again");
    plan.to_run.push_back(item);
  }
  return plan;
}

Interrupted batch_interrupted(const BatchOutcome& outcome) {
  return Interrupted("batch interrupted after " + std::to_string(outcome.finished) +
                     " cases; rerun the same command to continue (finished cases are skipped, "
                     "interrupted ones resume from their checkpoints)");
}

BatchOutcome run_batch(const std::vector<BatchCase>& cases, const BatchOptions& options) {
  const BatchPlan plan = plan_batch(cases, options);
  BatchTally tally(plan.selected, plan.skipped, plan.to_run.size(), options.on_progress);

  // Split the cores between concurrent cases: J jobs of C/J threads each.
  std::atomic<std::size_t> next{0};
  JobThreads jobs(
      job_layout(options.jobs, options.threads, plan.to_run.size()), options,
      [&]() -> const BatchCase* {
        if (tally.interrupted()) return nullptr;  // no new case once one was stopped
        const std::size_t n = next++;
        return n < plan.to_run.size() ? plan.to_run[n] : nullptr;
      },
      [&](const BatchCase&, const CaseReport& report) { tally.record(report); });
  jobs.join();

  write_batch_csv(cases, options.output_dir);
  const BatchOutcome outcome = tally.outcome();
  if (tally.interrupted()) throw batch_interrupted(outcome);
  return outcome;
}

void write_batch_csv(const std::vector<BatchCase>& cases, const fs::path& output_dir) {
  // Columns: the varied key paths and layer names in order of first appearance.
  std::vector<std::string> varied_keys, layer_names;
  std::vector<std::pair<const BatchCase*, nlohmann::ordered_json>> finished;
  for (const auto& item : cases) {
    for (const auto& [key, value] : item.varied)
      if (std::find(varied_keys.begin(), varied_keys.end(), key) == varied_keys.end())
        varied_keys.push_back(key);
    auto summary = read_summary(output_dir / item.folder);
    if (!summary) continue;
    for (const auto& [name, amount] : (*summary)["per_layer_ug_cm2"].items())
      if (std::find(layer_names.begin(), layer_names.end(), name) == layer_names.end())
        layer_names.push_back(name);
    finished.emplace_back(&item, std::move(*summary));
  }
  const std::vector<std::string> before_layers{"dose_ug_cm2", "receptor_ug_cm2",
                                               "absorbed_fraction"};
  const std::vector<std::string> after_layers{"vehicle_ug_cm2",
                                              "cleared_ug_cm2",
                                              "in_channels_ug_cm2",
                                              "steady_flux_ug_cm2_h",
                                              "lag_time_h",
                                              "max_mass_balance_rel",
                                              "cells",
                                              "steps",
                                              "linear_iterations",
                                              "wall_s"};
  std::vector<std::string> columns{"index", "folder"};
  columns.insert(columns.end(), varied_keys.begin(), varied_keys.end());
  columns.insert(columns.end(), before_layers.begin(), before_layers.end());
  for (const auto& name : layer_names) columns.push_back(name + "_ug_cm2");
  columns.insert(columns.end(), after_layers.begin(), after_layers.end());
  io::CsvTable csv(columns);
  for (const auto& [item, summary] : finished) {
    io::CsvLine line(io::CsvNumbers::AsInJson);
    line.integer(item->index).text(item->folder);
    for (const auto& key : varied_keys) {
      const auto found = std::find_if(item->varied.begin(), item->varied.end(),
                                      [&](const auto& kv) { return kv.first == key; });
      if (found == item->varied.end())
        line.empty();
      else
        line.text(found->second);
    }
    auto add = [&](const nlohmann::ordered_json& object, const std::string& key) {
      if (object.contains(key))
        add_json(line, object[key]);
      else
        line.empty();
    };
    for (const auto& name : before_layers) add(summary, name);
    for (const auto& name : layer_names) add(summary["per_layer_ug_cm2"], name);
    for (const auto& name : after_layers) add(summary, name);
    csv.add(line);
  }
  // The folder may not exist yet: a batch stopped before its first case wrote it.
  std::error_code ignored;  // a folder that cannot be made fails the write, with its reason
  fs::create_directories(output_dir, ignored);
  io::write_file_atomically(output_dir / "batch.csv", csv.text());
}

}  // namespace dermaflux::batch
