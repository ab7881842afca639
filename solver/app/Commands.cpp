#include "app/Commands.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "app/ExitStatus.hpp"
#include "app/FitMeasured.hpp"
#include "app/PlotInputs.hpp"
#include "app/PlotScript.hpp"
#include "app/ProgressLine.hpp"
#include "app/ReportCommand.hpp"
#include "app/StepPace.hpp"
#include "app/StopSignal.hpp"
#include "core/Error.hpp"
#include "core/Parallel.hpp"
#include "input/CaseReader.hpp"
#include "input/CaseWriter.hpp"
#include "input/SerumFile.hpp"
#include "input/Units.hpp"
#include "io/FolderLock.hpp"
#include "io/FolderOwnership.hpp"
#include "model/ProblemBuilder.hpp"
#include "parallel/Session.hpp"
#include "run/Compare.hpp"
#include "run/LinearBackend.hpp"
#include "run/MemoryCheck.hpp"
#include "run/SameSkin.hpp"
#include "run/Simulation.hpp"

namespace dermaflux::app {
namespace {

void print_figure(const char* label, const std::optional<double>& value, const char* unit) {
  if (value)
    std::printf("  %-22s %.6g %s\n", label, *value, unit);
  else
    std::printf("  %-22s -\n", label);
}

}  // namespace

namespace {

// --until: the case cut short at `text` (a time), its later outputs dropped.
input::Case cut_short(input::Case c, const std::string& text) {
  double until_s = 0.0;
  try {
    until_s = input::parse_quantity(text, input::Dimension::Time);
  } catch (const input::UnitError& e) {
    throw UsageError("--until expects a time such as \"2 h\": " + std::string(e.what()));
  }
  if (!(until_s > 0.0)) throw UsageError("--until expects a positive time, found \"" + text + "\"");
  if (until_s >= c.time.end_s) return c;
  c.time.end_s = until_s;
  auto& outputs = c.time.output_times_s;
  outputs.erase(
      std::remove_if(outputs.begin(), outputs.end(), [&](double t) { return t >= until_s; }),
      outputs.end());
  outputs.push_back(until_s);
  return c;
}

// Errors every rank of a split run meets alike (the case is the same on all, and
// so are the steps and their verdicts); a file or internal error may be one
// rank's own.
bool same_on_every_rank(const std::exception_ptr& error) {
  const int status = exit_status_of(error);
  return status == kExitBadInput || status == kExitNumericalFailure || status == kExitInterrupted;
}

}  // namespace

int run_command(const RunArguments& arguments) {
  core::set_thread_count(arguments.threads);
  input::Case c = input::read_case(arguments.case_file);
  run::RunOptions options;
  if (!arguments.until.empty()) {
    // A checkpoint belongs to the whole case, whatever --until: a stopped run may be
    // resumed towards another end.
    options.checkpoint_identity = input::write_case_yaml(c);
    c = cut_short(std::move(c), arguments.until);
  }
  // Under mpirun -n P (P > 1) the ranks share this one case (run/Simulation.hpp).
  parallel::Messenger& world = parallel::world();
  const bool root = world.rank() == 0;
  options.output_dir = arguments.output_dir.empty() ? c.output.directory : arguments.output_dir;
  const std::string measured =
      arguments.measured.empty() ? "" : checked_measured(arguments.measured, {&c}, {});
  options.resume = arguments.resume;
  options.overwrite = arguments.overwrite;
  options.checkpoint_interval_s = arguments.checkpoint_interval_s;
  options.stop_requested = stop_requested;
  options.resume_hint = arguments.command_line + (arguments.resume ? "" : " --resume");
  options.decomposed = world.size() > 1;
  // A small case runs faster on fewer threads (core::threads_for_cells), unless the
  // user asked for a count.
  options.threads_by_case_size = arguments.threads <= 0 && !std::getenv("OMP_NUM_THREADS");
  if (!options.decomposed && !arguments.decomposition.empty() && arguments.decomposition != "1x1x1")
    throw UsageError("--decomposition " + arguments.decomposition +
                     " splits a case over MPI ranks, but this is one process: start it as "
                     "mpirun -n P dermaflux run ..., or leave --decomposition out");
  install_stop_handlers();
  options.decomposition = arguments.decomposition;
  // The folder is this process's from here on, and checked before any meshing: a
  // second run into it, or a folder that is not this run's, is refused at once.
  std::optional<io::FolderLock> lock;
  if (root) {
    try {
      lock.emplace(options.output_dir);
      io::check_folder_for_run(options.output_dir,
                               {input::write_case_yaml(c), options.resume, options.overwrite});
    } catch (...) {
      if (!options.decomposed) throw;
      report_error(std::current_exception());  // the other ranks wait in run_case
      std::fflush(nullptr);
      world.abort(exit_status_of(std::current_exception()));
    }
  }
  if (options.decomposed)
    options.on_start = [&](const std::string& decomposition) {
      if (!root) return;
      std::printf(
          "dermaflux: %s split over %d MPI ranks as %s blocks x %d OpenMP thread%s, "
          "solved with %s\n",
          c.name.c_str(), world.size(), decomposition.c_str(), core::thread_count(),
          core::thread_count() == 1 ? "" : "s",
          run::split_runs_use_ours(c.solver)
              ? "our CG, our multigrid's levels split over the blocks"
              : "hypre PFMG-CG");
      std::fflush(stdout);
    };
  ProgressLine progress(arguments.quiet || !root);
  StepPace pace;
  options.on_progress = [&](const run::Progress& p) {
    progress.update(p);
    if (root) pace.update(p);
  };
  // Said once when a run that chooses its own threads follows the machine's load.
  options.on_threads_changed = [&](int threads, double time_s) {
    if (!root || arguments.quiet) return;
    progress.finish();
    std::printf(
        "dermaflux: %d OpenMP thread%s from t = %.4g h (the cores other processes "
        "leave free; --threads N to fix)\n",
        threads, threads == 1 ? "" : "s", time_s / 3600.0);
    std::fflush(stdout);
  };
  run::RunResult result;
  try {
    result = run::run_case(c, options);
  } catch (...) {
    // Errors every rank meets alike end every rank alike (main says it once). A
    // failure of one rank alone would leave the others waiting for it in hypre
    // or in a sum: say why, then end the whole job.
    if (!options.decomposed || same_on_every_rank(std::current_exception())) throw;
    progress.finish();
    report_error(std::current_exception());
    std::fflush(nullptr);
    world.abort(exit_status_of(std::current_exception()));
  }
  progress.finish();
  if (!root) return 0;
  if (!arguments.measured.empty()) copy_measured(measured, options.output_dir);

  const auto& s = result.summary;
  const std::string ranks = s.ranks > 1 ? std::to_string(s.ranks) + " ranks x " : "";
  std::printf(
      "dermaflux: %s finished: %zu cells, %ld steps, %ld CG iterations, %.2f s on %s%d "
      "thread%s%s\n",
      c.name.c_str(), s.cells, s.steps, s.linear_iterations, s.wall_s, ranks.c_str(), s.threads,
      s.threads == 1 ? "" : "s",
      s.threads_by_case_size ? " (for the case's size and the free cores; --threads N to choose)"
                             : "");
  print_figure("dose", s.dose_ug_cm2, "ug/cm^2");
  print_figure("receptor", s.receptor_ug_cm2, "ug/cm^2");
  for (std::size_t l = 0; l < s.layer_names.size(); ++l)
    print_figure(s.layer_names[l].c_str(), s.per_layer_ug_cm2[l], "ug/cm^2");
  print_figure("steady flux",
               s.steady_state ? std::optional(s.steady_state->flux_ug_cm2_h) : std::nullopt,
               "ug/cm^2/h");
  print_figure("lag time",
               s.steady_state ? std::optional(s.steady_state->lag_time_h) : std::nullopt, "h");
  print_figure("max mass balance", s.max_mass_balance_rel, "(relative)");
  std::printf("results:  %s\n", options.output_dir.string().c_str());
  if (c.output.vtk)
    std::printf("ParaView: %s\n", (options.output_dir / (c.name + ".pvd")).string().c_str());
  if (arguments.report) write_report(options.output_dir, {arguments.command_line, {}});
  return 0;
}

int check_command(const std::filesystem::path& case_file) {
  const input::Case c = input::read_case(case_file);
  std::cout << input::write_case_yaml(c);
  // The mesh's planes alone first (cheap: its node coordinates), and the memory
  // run would refuse, refused here alike before the problem's cell arrays exist.
  const mesh::LayeredMesh mesh = model::case_mesh(c);
  run::check_memory(mesh.grid.cell_count());
  const auto problem = model::build_problem(c);
  const auto& g = problem.mesh.grid;
  std::cout << "# mesh: " << g.nx() << " x " << g.ny() << " x " << g.nz() << " = " << g.cell_count()
            << " cells\n";
  for (int m = 0; m <= problem.mesh.layer_count; ++m) {
    int planes = 0;
    for (int k = 0; k < g.nz(); ++k) planes += problem.mesh.material_of_plane(k) == m ? 1 : 0;
    if (planes == 0) continue;
    std::cout << "#   "
              << (m == 0 ? std::string("vehicle film")
                         : c.layers[static_cast<std::size_t>(m - 1)].name)
              << ": " << planes << " cell layers\n";
  }
  std::cout << "# case is valid\n";
  return 0;
}

int plot_command(const std::filesystem::path& output_dir) {
  check_plot_inputs(output_dir);
  run_plot_script({"run", output_dir.string()});
  return 0;
}

namespace {

// A serum's label: its file name without extension, made unique.
std::vector<std::string> serum_labels(const std::vector<std::filesystem::path>& files) {
  std::vector<std::string> labels;
  for (const auto& file : files) {
    std::string label = file.stem().string();
    for (char& ch : label)
      if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '_' && ch != '.' && ch != '-')
        ch = '_';
    std::string unique = label;
    for (int n = 2; std::find(labels.begin(), labels.end(), unique) != labels.end(); ++n)
      unique = label + "-" + std::to_string(n);
    labels.push_back(unique);
  }
  return labels;
}

std::string cell(const std::optional<double>& value, const char* format) {
  if (!value) return "-";
  char text[32];
  std::snprintf(text, sizeof text, format, *value);
  return text;
}

// The case read again with the serum of `serum_file` in its place; a problem that
// only this serum brings (a layer value it cannot estimate) names the serum file.
input::Case case_with_serum(const std::filesystem::path& case_file,
                            const std::filesystem::path& serum_file) {
  const input::Serum serum = input::read_serum_file(serum_file);
  try {
    return input::read_case(case_file, serum);
  } catch (const InputError& error) {
    throw UsageError(std::string(error.what()) + ", with the serum of " + serum_file.string() +
                     " in place of the case's own");
  }
}

}  // namespace

int compare_command(const CompareArguments& arguments) {
  core::set_thread_count(arguments.threads);
  const input::Case base = input::read_case(arguments.case_file);
  std::vector<run::SerumChoice> serums;
  const auto labels = serum_labels(arguments.serum_files);
  for (std::size_t n = 0; n < arguments.serum_files.size(); ++n)
    serums.push_back({labels[n], case_with_serum(arguments.case_file, arguments.serum_files[n])});
  const std::string reused = run::check_same_skin(base, serums, arguments.same_skin);
  if (!reused.empty()) std::fprintf(stderr, "%s\n", reused.c_str());
  const std::filesystem::path output_dir =
      arguments.output_dir.empty()
          ? std::filesystem::path(base.output.directory.string() + "-compare")
          : arguments.output_dir;
  std::string measured;
  if (!arguments.measured.empty()) {
    std::vector<const input::Case*> cases{&base};
    for (const auto& serum : serums) cases.push_back(&serum.with_serum);
    measured = checked_measured(arguments.measured, cases, labels);
  }
  const io::FolderLock lock(output_dir);

  run::CompareOptions options;
  options.on_run_start = [&](const std::string& what) {
    begin_set_up();
    if (!arguments.quiet) std::fprintf(stderr, "dermaflux: compare: %s\n", what.c_str());
  };
  install_stop_handlers();
  options.stop_requested = stop_requested;
  options.resume_hint = arguments.command_line;
  run::Comparison comparison;
  try {
    comparison = run::compare_serums(serums, output_dir, options);
  } catch (const Interrupted&) {
    // The run's own advice (--resume) is for `run`: the same compare command goes on.
    throw Interrupted(
        "compare interrupted: the runs finished so far are kept and the one under way is "
        "checkpointed; the same command continues the comparison");
  }
  run::write_comparison_csv(comparison, output_dir / "comparison.csv");
  if (!arguments.measured.empty()) copy_measured(measured, output_dir);

  std::printf("%-4s %-24s %14s %14s %12s %10s %10s\n", "rank", "serum", "receptor ug/cm2",
              "in skin ug/cm2", "flux ug/cm2/h", "lag h", "ER");
  int rank = 0;
  for (const auto& row : comparison.rows) {
    double in_skin = 0.0;
    for (double amount : row.per_layer_ug_cm2) in_skin += amount;
    std::printf("%-4d %-24s %14.6g %14.6g %12s %10s %10s\n", ++rank, row.label.c_str(),
                row.receptor_ug_cm2, in_skin, cell(row.steady_flux_ug_cm2_h, "%.4g").c_str(),
                cell(row.lag_time_h, "%.3g").c_str(), cell(row.enhancement_ratio, "%.3g").c_str());
  }
  std::printf("ER: amount in the receptor with needles over intact skin, at the end of the run\n");
  run_plot_script([&] {
    std::vector<std::string> words{"compare", output_dir.string()};
    words.insert(words.end(), comparison.run_folders.begin(), comparison.run_folders.end());
    return words;
  }());
  std::printf("results:  %s (comparison.csv, cumulative.png, per_layer.png)\n",
              output_dir.string().c_str());
  if (arguments.report) write_report(output_dir, {arguments.command_line, {}});
  return 0;
}

}  // namespace dermaflux::app
