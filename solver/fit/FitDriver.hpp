#pragma once
// `dermaflux fit` from start to end (CASE_FORMAT.md, "Fitting to measured data"):
// read the fit file and the data, fit (least_squares over ModelRuns, resumable
// through fit.state.json), estimate the intervals from a fresh Jacobian at the
// optimum, run the fitted case into final/, then write measured.csv,
// case.fitted.yaml, fit.csv and, last, fit.json.

#include <filesystem>
#include <functional>

#include "fit/FitOutputs.hpp"
#include "fit/ModelRuns.hpp"

namespace dermaflux::fit {

struct FitOptions {
  std::filesystem::path output_dir;  // empty: the fit file's output
  int jobs = 1;
  int threads = 0;
  int max_iterations = 40;
  std::function<bool()> stop_requested;
  std::function<void(const Iterate&)> on_iteration;   // after each completed iteration
  std::function<void(const std::string&)> on_notice;  // e.g. resuming from an iteration
  BatchRun run_batch;  // how each batch of runs runs (empty: in this process)
  // A rank other than 0 under mpirun. Every rank runs the same optimiser on the same
  // runs' results (read from the shared runs folder), so each reaches the same
  // batches in the same order and can work on them with rank 0; a follower writes
  // nothing and ends after the intervals' Jacobian (rank 0 makes the final run).
  bool follower = false;
};

struct FitOutcome {
  FitSpec spec;
  std::filesystem::path output_dir;
  FitReport report;
};

FitOutcome run_fit(const std::filesystem::path& fit_file, const FitOptions& options);

// The fitted values' SI texts next to their intervals, one line per parameter.
std::string describe_fit(const FitSpec& spec, const FitReport& report);

}  // namespace dermaflux::fit
