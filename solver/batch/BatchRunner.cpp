#include "batch/BatchRunner.hpp"

#include <omp.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "core/Error.hpp"
#include "io/AtomicFile.hpp"
#include "run/Simulation.hpp"

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

// A CSV field: quoted when it holds a comma, quote or newline (RFC 4180).
std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char ch : text) {
    if (ch == '"') quoted += '"';
    quoted += ch;
  }
  quoted += '"';
  return quoted;
}

std::string json_field(const nlohmann::ordered_json& value) {
  if (value.is_null()) return "";
  if (value.is_string()) return csv_field(value.get<std::string>());
  return value.dump();
}

// Runs one case; resumes it when an earlier, interrupted batch left a checkpoint.
void run_one(const BatchCase& item, const BatchOptions& options) {
  run::RunOptions run_options;
  run_options.output_dir = options.output_dir / item.folder;
  run_options.stop_requested = options.stop_requested;
  run_options.overwrite = true;  // the folder name carries the case's fingerprint
  run_options.resume = fs::exists(run_options.output_dir / "checkpoint.bin");
  try {
    run::run_case(item.resolved, run_options);
  } catch (const UsageError&) {
    if (!run_options.resume) throw;
    run_options.resume = false;  // an unusable checkpoint: start the case anew
    run::run_case(item.resolved, run_options);
  }
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

BatchOutcome run_batch(const std::vector<BatchCase>& cases, const BatchOptions& options) {
  BatchOutcome outcome;
  std::vector<const BatchCase*> todo;
  for (const BatchCase* item : select_shard(cases, options.shard)) {
    ++outcome.selected;
    if (is_finished(options.output_dir / item->folder))
      ++outcome.skipped;
    else
      todo.push_back(item);
  }

  // Split the cores between concurrent cases: J jobs of C/J threads each.
  const int cores = options.threads > 0 ? options.threads : omp_get_max_threads();
  const int jobs = std::clamp(options.jobs, 1, std::max(1, static_cast<int>(todo.size())));
  const int threads_per_job = std::max(1, cores / jobs);

  std::mutex mutex;
  std::atomic<std::size_t> next{0};
  std::atomic<bool> interrupted{false};
  BatchProgress progress{0, 0, outcome.skipped, outcome.selected, 0.0};
  const auto start = std::chrono::steady_clock::now();
  auto report = [&] {
    if (!options.on_progress) return;
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const std::size_t processed = progress.done + progress.failed;
    const std::size_t remaining = todo.size() - processed;
    progress.seconds_left =
        processed > 0 ? elapsed / static_cast<double>(processed) * static_cast<double>(remaining)
                      : 0.0;
    options.on_progress(progress);
  };
  report();

  auto worker = [&] {
    omp_set_num_threads(threads_per_job);
    while (!interrupted) {
      const std::size_t n = next++;
      if (n >= todo.size()) break;
      const BatchCase& item = *todo[n];
      std::string failure;
      try {
        run_one(item, options);
      } catch (const Interrupted&) {
        interrupted = true;
        break;
      } catch (const std::exception& e) {
        failure = item.folder + ": " + e.what();
      }
      const std::lock_guard<std::mutex> lock(mutex);
      if (failure.empty()) {
        ++progress.done;
        ++outcome.finished;
      } else {
        ++progress.failed;
        outcome.failures.push_back(failure);
      }
      report();
    }
  };
  std::vector<std::thread> workers;
  for (int j = 1; j < jobs; ++j) workers.emplace_back(worker);
  worker();
  for (auto& t : workers) t.join();

  write_batch_csv(cases, options.output_dir);
  if (interrupted)
    throw Interrupted("batch interrupted after " + std::to_string(outcome.finished) +
                      " cases; rerun the same command to continue (finished cases are skipped, "
                      "interrupted ones resume from their checkpoints)");
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
  std::ostringstream csv;
  csv << "index,folder";
  for (const auto& key : varied_keys) csv << ',' << csv_field(key);
  for (const auto& name : before_layers) csv << ',' << name;
  for (const auto& name : layer_names) csv << ',' << csv_field(name + "_ug_cm2");
  for (const auto& name : after_layers) csv << ',' << name;
  csv << '\n';
  for (const auto& [item, summary] : finished) {
    csv << item->index << ',' << csv_field(item->folder);
    for (const auto& key : varied_keys) {
      const auto found = std::find_if(item->varied.begin(), item->varied.end(),
                                      [&](const auto& kv) { return kv.first == key; });
      csv << ',' << (found == item->varied.end() ? "" : csv_field(found->second));
    }
    auto field = [&](const nlohmann::ordered_json& object, const std::string& key) {
      return object.contains(key) ? json_field(object[key]) : std::string();
    };
    for (const auto& name : before_layers) csv << ',' << field(summary, name);
    for (const auto& name : layer_names) csv << ',' << field(summary["per_layer_ug_cm2"], name);
    for (const auto& name : after_layers) csv << ',' << field(summary, name);
    csv << '\n';
  }
  io::write_file_atomically(output_dir / "batch.csv", csv.str());
}

}  // namespace dermaflux::batch
