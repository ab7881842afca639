// `dermaflux fit FIT.yaml`: calibrate a case to measured data (fit/FitDriver.hpp).

#include <cstdio>
#include <memory>

#include "app/Commands.hpp"
#include "app/FitFarm.hpp"
#include "app/StopSignal.hpp"
#include "core/Error.hpp"
#include "fit/FitDriver.hpp"
#include "io/FolderLock.hpp"

namespace dermaflux::app {

int fit_command(const FitArguments& arguments) {
  install_stop_handlers();
  fit::FitOptions options;
  options.jobs = arguments.jobs;
  options.threads = arguments.threads;
  options.stop_requested = stop_requested;
  farm_fit_batches(options, arguments.threads);  // under mpirun (app/FitFarm.hpp)
  std::unique_ptr<io::FolderLock> lock;          // rank 0's alone
  agree_to_start([&] {
    options.output_dir = arguments.output_dir;
    if (options.output_dir.empty())  // the lock needs the folder before the fit starts
      options.output_dir = fit::read_fit_file(arguments.fit_file).output_dir;
    if (!options.follower) lock = std::make_unique<io::FolderLock>(options.output_dir);
  });
  if (options.follower) {  // rank 0 prints
    fit::run_fit(arguments.fit_file, options);
    return 0;
  }
  options.on_notice = [](const std::string& notice) {
    std::fprintf(stderr, "dermaflux: fit: %s\n", notice.c_str());
  };
  if (!arguments.quiet)
    options.on_iteration = [](const fit::Iterate& iterate) {
      std::fprintf(stderr, "dermaflux: fit: iteration %d, objective %.6g, %ld runs\n",
                   iterate.iterations, iterate.objective, iterate.runs);
    };
  fit::FitOutcome outcome;
  try {
    outcome = fit::run_fit(arguments.fit_file, options);
  } catch (const Interrupted&) {
    throw Interrupted(
        "fit interrupted: the last completed iteration is in fit.state.json and the runs made "
        "so far are kept; the same command continues the fit");
  }
  const auto& report = outcome.report;
  std::printf("dermaflux: fit %s: %s after %d iterations, %ld runs, %.1f s; objective %.6g\n",
              arguments.fit_file.string().c_str(),
              report.result.converged ? "converged" : "NOT converged", report.result.iterations,
              report.runs, report.wall_s, report.result.objective);
  std::printf("%s", fit::describe_fit(outcome.spec, report).c_str());
  for (const auto& warning : report.warnings)
    std::fprintf(stderr, "dermaflux: fit: warning: %s\n", warning.c_str());
  std::printf("results:  %s (fit.json, fit.csv, case.fitted.yaml, final/)\n",
              outcome.output_dir.string().c_str());
  return 0;
}

}  // namespace dermaflux::app
