#include "fit/FitDriver.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>

#include "batch/CaseRun.hpp"
#include "fit/FitState.hpp"
#include "fit/ModelRuns.hpp"
#include "input/CaseWriter.hpp"
#include "input/YamlDocument.hpp"
#include "io/AtomicFile.hpp"
#include "run/Checkpoint.hpp"

namespace dermaflux::fit {
namespace {

namespace fs = std::filesystem;

std::string weighting_of(const input::MeasuredData& data) {
  std::size_t with_sd = 0;
  for (const auto& point : data.points) with_sd += point.sd ? 1 : 0;
  if (with_sd == data.points.size()) return "sd";
  if (with_sd == 0) return "relative";
  return "sd where given, else relative";
}

}  // namespace

FitOutcome run_fit(const fs::path& fit_file, const FitOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  FitOutcome outcome;
  outcome.spec = read_fit_file(fit_file);
  const FitSpec& spec = outcome.spec;
  outcome.output_dir = options.output_dir.empty() ? spec.output_dir : options.output_dir;
  const fs::path& output_dir = outcome.output_dir;

  const input::MeasuredData data = input::read_measured_csv(spec.measured_file);
  std::vector<Bounds> bounds;
  Values start;  // the middle of each range in the fitted space: z = 0
  for (const auto& parameter : spec.parameters) {
    bounds.push_back({parameter.low, parameter.high, parameter.log_space});
    start.push_back(value_of_z(bounds.back(), 0.0));
  }
  {
    const input::Case first = case_with(spec, start);
    input::check_measured_against(data, timeseries_columns(first), first.time.end_s / 3600.0);
  }

  const std::string measured_text = input::read_text_file(spec.measured_file);
  if (!options.follower) {
    fs::create_directories(output_dir);
    // A fit.json from before would make the folder look finished while this one runs.
    fs::remove(output_dir / "fit.json");
    io::write_file_atomically(output_dir / "measured.csv", measured_text);
  }

  const std::string fingerprint =
      run::fingerprint(input::read_text_file(fit_file) + "\n--\n" +
                       input::read_text_file(spec.base_file) + "\n--\n" + measured_text);
  ModelRuns runs(spec, data,
                 {output_dir / "runs", options.jobs, options.threads, options.stop_requested,
                  options.run_batch});
  const BatchModel model = runs.residual_model();

  LeastSquaresOptions lm;
  lm.max_iterations = options.max_iterations;
  lm.resume_from = read_state(output_dir, fingerprint, spec.parameters.size());
  if (lm.resume_from && options.on_notice)
    options.on_notice("resuming from iteration " + std::to_string(lm.resume_from->iterations) +
                      " (" + kStateFile + ")");
  lm.on_iteration = [&](const Iterate& iterate) {
    if (options.follower) return;
    write_state(output_dir, fingerprint, iterate);
    if (options.on_iteration) options.on_iteration(iterate);
  };
  FitReport& report = outcome.report;
  report.result = least_squares(bounds, start, model, lm);

  // The intervals from a Jacobian at the optimum, in the fitted (log) space.
  const Eigen::MatrixXd jacobian =
      fitted_space_jacobian(bounds, report.result.values, report.result.residuals, model);
  report.uncertainty = uncertainty(bounds, report.result.values, report.result.residuals, jacobian);
  if (options.follower) return outcome;  // the last batch rank 0 shares out

  // The final run: the fitted case as the user would run it (snapshots as the base
  // case asks), the measured times among its outputs.
  std::vector<double> times_h;
  for (const auto& point : data.points) times_h.push_back(point.time_h);
  const input::Case fitted = with_output_times(case_with(spec, report.result.values), times_h);
  // Run as a batch runs a case (batch/CaseRun.hpp): a final run an interrupted fit
  // left half done resumes from its checkpoint.
  batch::BatchOptions final_run;
  final_run.output_dir = output_dir;
  final_run.stop_requested = options.stop_requested;
  const batch::CaseReport final_report = batch::run_one({0, "final", {}, fitted}, final_run);
  if (final_report.end == batch::CaseEnd::interrupted)
    throw Interrupted("fit interrupted during its final run");
  if (final_report.end == batch::CaseEnd::failed)
    throw NumericalError("the fitted case failed: " + final_report.failure);
  const Eigen::VectorXd fitted_values = model_at(output_dir / "final", data);

  report.runs = report.result.runs + static_cast<long>(spec.parameters.size()) + 1;
  report.observations = data.points.size();
  report.weighting = weighting_of(data);
  report.warnings = fit_warnings(spec, report);
  report.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  io::write_file_atomically(output_dir / "case.fitted.yaml", input::write_case_yaml(fitted));
  write_fit_csv(output_dir / "fit.csv", data, fitted_values);
  write_fit_json(output_dir / "fit.json", spec, report);  // last: the fit is finished
  return outcome;
}

std::string describe_fit(const FitSpec& spec, const FitReport& report) {
  std::string text;
  const auto& parameters = spec.parameters;
  for (std::size_t j = 0; j < parameters.size(); ++j) {
    const auto& item = report.uncertainty.parameters[j];
    char line[512];
    std::snprintf(line, sizeof line, "  %-42s %.5g %s  (95 %%: %.4g .. %.4g)%s\n",
                  parameters[j].key.c_str(), report.result.values[j],
                  unit_text(parameters[j]).c_str(), item.ci95_low, item.ci95_high,
                  item.identifiable ? "" : "  NOT IDENTIFIABLE");
    text += line;
  }
  return text;
}

}  // namespace dermaflux::fit
