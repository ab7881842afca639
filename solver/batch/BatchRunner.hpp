#pragma once
// Running many cases (`dermaflux batch`): every case of a sweep goes to its own
// folder `<index>-<hash>` under the sweep's output folder, exactly what `run`
// would write there. A rerun skips cases whose summary.json is complete and
// resumes cases that left a checkpoint, so an interrupted sweep goes on where it
// stopped. `--shard I/N` takes every N-th case starting at I, so N independent
// jobs split a sweep with no coordination. `--jobs J` runs J cases at once and
// splits the cores between them (no oversubscription). A failed case is reported
// and the others go on.
//
// run_batch() is the serial driver: job threads (JobThreads.hpp) in one process,
// each running cases with run_one() (CaseRun.hpp) and counting them in a
// BatchTally. The MPI task farm (farm/) runs the same pieces on every rank.

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "core/Error.hpp"
#include "input/Case.hpp"

namespace dermaflux::batch {

struct BatchCase {
  std::size_t index = 0;  // 0-based position in the sweep
  std::string folder;     // "<index>-<hash>", unique and stable for the same values
  std::vector<std::pair<std::string, std::string>> varied;  // key path -> value as written
  input::Case resolved;
};

struct Shard {
  int index = 1;  // 1-based
  int count = 1;
};

struct BatchProgress {
  std::size_t done = 0;  // finished in this invocation
  std::size_t failed = 0;
  std::size_t skipped = 0;    // already finished before
  std::size_t total = 0;      // selected by the shard
  double seconds_left = 0.0;  // estimate; 0 when unknown
};

struct BatchOptions {
  std::filesystem::path output_dir;
  int jobs = 1;
  int threads = 0;  // cores to share between jobs; 0 = OpenMP's default
  Shard shard;
  std::function<void(const BatchProgress&)> on_progress;
  std::function<bool()> stop_requested;  // polled by the running cases
  // Told, once per case, when a folder's finished run is not trusted (its
  // case.resolved.yaml is not the one this sweep would write) and runs again.
  std::function<void(const std::string&)> on_notice;
};

struct BatchOutcome {
  std::size_t selected = 0, skipped = 0, finished = 0;
  std::vector<std::string> failures;  // "<folder>: <message>"
};

// The cases a batch still has to run: the shard's cases, less those finished before.
struct BatchPlan {
  std::size_t selected = 0;  // cases of the shard
  std::size_t skipped = 0;   // of those, finished before
  std::vector<const BatchCase*> to_run;
};
BatchPlan plan_batch(const std::vector<BatchCase>& cases, const BatchOptions& options);

// What a batch stopped by a signal throws once its running cases have checkpointed.
Interrupted batch_interrupted(const BatchOutcome& outcome);

// Which cases a shard takes: indices with index % count == shard index - 1.
std::vector<const BatchCase*> select_shard(const std::vector<BatchCase>& cases, const Shard& shard);

// Whether `folder` holds a finished run (a complete summary.json).
bool is_finished(const std::filesystem::path& folder);

BatchOutcome run_batch(const std::vector<BatchCase>& cases, const BatchOptions& options);

// batch.csv: one row per finished case of the sweep (any shard), the varied values
// then the summary figures. Written atomically.
void write_batch_csv(const std::vector<BatchCase>& cases, const std::filesystem::path& output_dir);

}  // namespace dermaflux::batch
