// dermaflux: drug and cosmetic actives entering (microneedled) skin.
//
//   dermaflux run CASE.yaml [--output DIR] [--threads N] [--quiet] [--resume] [--until T]
//                 [--overwrite] [--checkpoint-interval SECONDS] [--decomposition PXxPYxPZ]
//   dermaflux check CASE.yaml
//   dermaflux plot OUTPUT_DIR
//   dermaflux report OUTPUT_DIR                 (report.html; run --report, compare, batch)
//   dermaflux compare CASE.yaml --serums A.yaml B.yaml ... [--output DIR] [--same-skin]
//   dermaflux batch SWEEP.yaml [--jobs N] [--shard I/N] [--output DIR]
//   dermaflux fit FIT.yaml [--output DIR] [--jobs N]   (calibrate to measured data)
//   mpirun -n P dermaflux batch SWEEP.yaml ...   (the MPI task farm, farm/)
//   mpirun -n P dermaflux run CASE.yaml ...      (one case split over the ranks)
//   mpirun -n P dermaflux fit FIT.yaml ...       (each batch of a fit's runs farmed)
//
// Exit status: 0 success, 2 bad input or usage, 3 numerical failure, 4 file
// error, 5 some cases of a batch failed, 130 interrupted (checkpoint written),
// 1 anything else (app/ExitStatus.hpp). Every error is one line on standard error.

#include <CLI/CLI.hpp>
#include <csignal>
#include <cstdio>
#include <exception>

#include "app/CommandLine.hpp"
#include "app/Commands.hpp"
#include "app/ExitStatus.hpp"
#include "app/ReportCommand.hpp"
#include "core/Error.hpp"
#include "core/Parallel.hpp"
#include "parallel/Session.hpp"

int main(int argc, char** argv) {
  // Threads that spin at barriers while the machine is busy make 2 threads 9-19x
  // slower than 1 (benchmarks/RESULTS.md, "a busy machine"); passive waits yield.
  // libgomp reads the policy only at load, hence a restart; a user's setting wins.
  dermaflux::core::restart_with_passive_wait_policy(argv);
  // A write past a file-size limit (ulimit -f, a batch system's quota) raises
  // SIGXFSZ, whose default action kills the process before anything is said.
  // Ignored, the write fails with EFBIG and ends in one IoError like a full disk.
  std::signal(SIGXFSZ, SIG_IGN);
  CLI::App app{"dermaflux: diffusion of topical actives into layered, microneedled skin"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("dermaflux ") + DERMAFLUX_VERSION);

  dermaflux::app::RunArguments run_arguments;
  std::string output_dir;
  auto* run = app.add_subcommand("run", "simulate a case and write its results");
  run->add_option("case", run_arguments.case_file, "case file (YAML)")->required();
  run->add_option("--output,-o", output_dir, "output folder (default: the case's output.directory)")
      ->check(dermaflux::app::folder_name());
  run->add_option("--threads,-t", run_arguments.threads,
                  "OpenMP threads (default: one per 16 384 cells, up to all cores)")
      ->check(CLI::Range(1, 4096));
  run->add_flag("--quiet,-q", run_arguments.quiet, "no progress line");
  run->add_flag("--resume", run_arguments.resume,
                "continue an interrupted run from its output folder's checkpoint.bin");
  run->add_flag(
      "--overwrite", run_arguments.overwrite,
      "replace another case's run, finished or not, in the output folder (only a run's own "
      "files are removed; files dermaflux does not write are kept)");
  run->add_option("--until", run_arguments.until,
                  "stop at this simulated time (e.g. \"2 h\"), a quick look at a long case");
  run->add_option("--decomposition", run_arguments.decomposition,
                  "under mpirun: the ranks along x, y and z as PXxPYxPZ (e.g. 2x2x1); default: "
                  "the split that exchanges the fewest halo cells");
  run->add_option("--checkpoint-interval", run_arguments.checkpoint_interval_s,
                  "wall-clock seconds between checkpoints (default 300; 0: only when interrupted)")
      ->check(dermaflux::app::finite_seconds());
  run->add_flag("--report", run_arguments.report, "write report.html in the output folder");
  std::string run_measured, compare_measured;
  run->add_option("--measured", run_measured,
                  "measured data (CSV: time_h and timeseries.csv columns), checked and copied "
                  "into the output folder as measured.csv for the report");

  std::string check_file;
  auto* check = app.add_subcommand("check", "validate a case, print it resolved and its mesh size");
  check->add_option("case", check_file, "case file (YAML)")->required();

  dermaflux::app::CompareArguments compare_arguments;
  std::string compare_output;
  std::vector<std::string> serum_files;
  auto* compare = app.add_subcommand(
      "compare", "run the same skin and device with several serums (and intact skin), ranked");
  // Not ->required(): every file after --serums is a serum, so a case given last
  // is read as one; main says how to order them.
  compare->add_option("case", compare_arguments.case_file, "case file (YAML)");
  compare->add_option("--serums", serum_files, "serum files (the keys of a case's serum section)")
      ->required();
  compare
      ->add_option("--output,-o", compare_output,
                   "output folder (default: the case's output.directory + -compare)")
      ->check(dermaflux::app::folder_name());
  compare->add_option("--threads,-t", compare_arguments.threads, "OpenMP threads")
      ->check(CLI::Range(1, 4096));
  compare->add_flag("--quiet,-q", compare_arguments.quiet, "no progress messages");
  compare->add_flag("--same-skin", compare_arguments.same_skin,
                    "reuse the layer diffusivities and partitions the case gives (for its own "
                    "active) for every serum; without it they must be left out of the case and "
                    "are estimated per serum");
  bool compare_no_report = false, batch_no_report = false;
  compare->add_flag("--no-report", compare_no_report, "write no report.html");
  compare->add_option("--measured", compare_measured,
                      "measured data (CSV; an optional serum column names the serum), checked "
                      "and copied into the output folder as measured.csv for the report");

  dermaflux::app::BatchArguments batch_arguments;
  std::string batch_sweep, batch_output;
  auto* batch = app.add_subcommand("batch", "run every case of a sweep; resumable");
  batch->add_option("sweep", batch_sweep, "sweep file (YAML)")->required();
  batch->add_option("--jobs,-j", batch_arguments.jobs, "cases run at once (they share the cores)")
      ->check(CLI::Range(1, 4096));
  batch->add_option("--shard", batch_arguments.shard, "I/N: run every N-th case starting at I");
  batch->add_option("--output,-o", batch_output, "output folder (default: the sweep's output)")
      ->check(dermaflux::app::folder_name());
  batch->add_option("--threads,-t", batch_arguments.threads, "cores to share between the jobs")
      ->check(CLI::Range(1, 4096));
  batch->add_flag("--quiet,-q", batch_arguments.quiet, "no progress line");
  batch->add_flag("--no-report", batch_no_report, "write no report.html");

  dermaflux::app::FitArguments fit_arguments;
  std::string fit_file, fit_output;
  auto* fit = app.add_subcommand(
      "fit", "fit case parameters to measured data, with 95 % intervals; resumable");
  fit->add_option("fit", fit_file, "fit file (YAML): base, measured, fit, output")->required();
  fit->add_option("--output,-o", fit_output, "output folder (default: the fit file's output)")
      ->check(dermaflux::app::folder_name());
  fit->add_option("--jobs,-j", fit_arguments.jobs, "runs at once (they share the cores)")
      ->check(CLI::Range(1, 4096));
  fit->add_option("--threads,-t", fit_arguments.threads, "cores to share between the jobs")
      ->check(CLI::Range(1, 4096));
  fit->add_flag("--quiet,-q", fit_arguments.quiet, "no progress lines");

  std::string plot_folder;
  auto* plot = app.add_subcommand("plot", "make PNG plots of a finished run's results");
  plot->add_option("folder", plot_folder, "the run's output folder")->required();

  std::string report_folder;
  auto* report = app.add_subcommand(
      "report", "write report.html (one page: figures, inputs, provenance) for a results folder");
  report->add_option("folder", report_folder, "the output folder of a run, compare or batch")
      ->required();

  if (const auto status = dermaflux::app::parse_command_line(app, argc, argv)) return *status;
  run_arguments.output_dir = output_dir;
  compare_arguments.output_dir = compare_output;
  batch_arguments.sweep_file = batch_sweep;
  batch_arguments.output_dir = batch_output;
  fit_arguments.fit_file = fit_file;
  run_arguments.measured = run_measured;
  compare_arguments.measured = compare_measured;
  fit_arguments.output_dir = fit_output;
  for (const auto& file : serum_files) compare_arguments.serum_files.emplace_back(file);
  for (int n = 0; n < argc; ++n)
    run_arguments.command_line += (n ? " " : "") + std::string(argv[n]);
  compare_arguments.command_line = batch_arguments.command_line = run_arguments.command_line;
  compare_arguments.report = !compare_no_report;
  batch_arguments.report = !batch_no_report;

  try {
    dermaflux::app::guard_standard_streams();
    if (*compare && compare_arguments.case_file.empty())
      throw dermaflux::UsageError(
          "compare needs the case file first: dermaflux compare CASE.yaml --serums A.yaml "
          "B.yaml ... (every file after --serums is a serum)");
    // Before anything else: MPI starts only when mpirun or srun started us.
    dermaflux::parallel::start_mpi_if_launched();
    const int ranks = dermaflux::parallel::world().size();
    if (ranks > 1 && !*batch && !*run && !*fit) {
      // These commands are one process's work; several ranks would each do all of it.
      if (dermaflux::parallel::world().rank() != 0) return dermaflux::app::kExitBadInput;
      throw dermaflux::UsageError(
          "dermaflux " + app.get_subcommands().front()->get_name() + " runs in one process, but " +
          std::to_string(ranks) +
          " MPI ranks were started: `dermaflux batch` and `dermaflux fit` share runs between ranks "
          "and "
          "`dermaflux run` splits one case over them; run this one as a single task "
          "(mpirun -n 1)");
    }
    int status = dermaflux::app::kExitInternalError;
    if (*run) status = dermaflux::app::run_command(run_arguments);
    if (*check) status = dermaflux::app::check_command(check_file);
    if (*plot) status = dermaflux::app::plot_command(plot_folder);
    if (*report) status = dermaflux::app::report_command(report_folder);
    if (*compare) status = dermaflux::app::compare_command(compare_arguments);
    if (*batch) status = dermaflux::app::batch_command(batch_arguments);
    if (*fit) status = dermaflux::app::fit_command(fit_arguments);
    dermaflux::app::check_standard_output();
    return status;
  } catch (...) {
    // Every rank of a split run reads the same case and meets its errors alike:
    // rank 0 says it once.
    if ((*run || *fit) && dermaflux::parallel::world().rank() != 0)
      return dermaflux::app::exit_status_of(std::current_exception());
    return dermaflux::app::report_error(std::current_exception());
  }
}
