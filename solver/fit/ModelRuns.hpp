#pragma once
// The model side of `dermaflux fit`: the measured points as observations with
// weights, and the case run at a batch of parameter vectors, in parallel, with the
// batch machinery (batch/BatchRunner.hpp, `--jobs`).
//
// Each run's case is the base case with the parameters set, the measured times
// added to its outputs (time.outputs) so that the model is read at exactly those
// times (no interpolation between outputs is needed; the linear interpolation in
// model_at only ever lands on a row), and no VTK snapshots. Runs go to
// <runs folder>/<fingerprint of the case>: a rerun of an interrupted fit finds the
// runs it already made finished and skips them (BatchRunner's own resumption).

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "batch/BatchRunner.hpp"
#include "fit/FitFile.hpp"
#include "fit/LeastSquares.hpp"
#include "input/MeasuredData.hpp"

namespace dermaflux::fit {

// The columns of timeseries.csv a case writes (io/RunCsv.hpp).
std::vector<std::string> timeseries_columns(const input::Case& c);

// `c` with the measured times (hours) among its outputs.
input::Case with_output_times(input::Case c, const std::vector<double>& times_h);

// Residual i = (measured - model) / sd when the point has an sd, else relative:
// (measured - model) / max(|measured|, 1 % of the column's largest |value|), the
// floor keeping points near zero from taking all the weight.
Eigen::VectorXd residual_scales(const input::MeasuredData& data);

// The model at every measured point, from a run's timeseries.csv.
Eigen::VectorXd model_at(const std::filesystem::path& run_folder, const input::MeasuredData& data);

// Runs one batch of cases and says how they ended, like batch::run_batch (the
// default); under mpirun the farm's round over every rank (app/FitFarm.hpp).
using BatchRun = std::function<batch::BatchOutcome(const std::vector<batch::BatchCase>&,
                                                   const batch::BatchOptions&)>;

struct RunSettings {
  std::filesystem::path runs_dir;
  int jobs = 1;
  int threads = 0;
  std::function<bool()> stop_requested;
  BatchRun run_batch;  // empty: batch::run_batch
};

class ModelRuns {
 public:
  ModelRuns(const FitSpec& spec, const input::MeasuredData& data, RunSettings settings);

  // The case a parameter vector runs (the measured times among its outputs).
  input::Case case_for(const Values& values) const;
  // The model at the measured points for each parameter vector: one batch.
  std::vector<Eigen::VectorXd> model_values(const std::vector<Values>& batch) const;
  // The weighted residuals of each: the function least_squares fits.
  BatchModel residual_model() const;

  const Eigen::VectorXd& measured() const { return measured_; }
  const Eigen::VectorXd& scales() const { return scales_; }

 private:
  const FitSpec& spec_;
  const input::MeasuredData& data_;
  RunSettings settings_;
  std::vector<double> times_h_;
  Eigen::VectorXd measured_, scales_;
};

}  // namespace dermaflux::fit
