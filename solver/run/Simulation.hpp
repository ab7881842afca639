#pragma once
// One run of one case, from the validated Case to measured rows and summary
// figures, optionally written to an output folder. The command line, the tests
// and (later) batch drivers all go through run_case().

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "analysis/Exposure.hpp"
#include "analysis/Inventory.hpp"
#include "analysis/SteadyState.hpp"
#include "input/Case.hpp"

namespace dermaflux::run {

struct Progress {
  double time_s = 0.0;
  double end_s = 0.0;
  long steps = 0;
};

struct RunOptions {
  std::filesystem::path output_dir;  // empty: measure only, write nothing
  std::function<void(const Progress&)> on_progress;
  // Continue from the output folder's checkpoint.bin instead of starting anew.
  bool resume = false;
  // Replace a finished run of a different case in the output folder.
  bool overwrite = false;
  // Wall-clock seconds between checkpoints (written after a step, and at output
  // times unless the last checkpoint is younger than a tenth of this); <= 0: only
  // when interrupted.
  double checkpoint_interval_s = 300.0;
  // Polled after every step; when it returns true the run writes a checkpoint,
  // marks the folder INTERRUPTED and throws Interrupted.
  std::function<bool()> stop_requested;
  // How to resume, for the INTERRUPTED.txt marker (e.g. the command line).
  std::string resume_hint;
  // The case a checkpoint belongs to, as resolved YAML: the case before --until cut
  // it short, so that a run stopped on the way to one end may be resumed towards
  // another. Empty: the run's own case.
  std::string checkpoint_identity;
  // Split the case over the ranks of the MPI job (`mpirun -n P dermaflux run`,
  // parallel/Block.hpp): every rank calls run_case with the same case and options,
  // and each holds its block of cells; hypre's PFMG-CG solves the steps across
  // them. Rank 0 writes the folder; every rank its piece of each snapshot and
  // of each checkpoint (run/Checkpoint.hpp: SplitCheckpoint), which a run on as
  // many ranks with the same split resumes. No effect on one rank.
  bool decomposed = false;
  // Ranks along x, y, z as "2x2x1"; empty: the split that exchanges least.
  std::string decomposition;
  // Called once the split is known, with it ("2 x 2 x 1"), on every rank.
  std::function<void(const std::string&)> on_start;
  // The user chose no thread count (no --threads, no OMP_NUM_THREADS): the run
  // takes core::threads_for_cells of its (rank's) cells, at most OpenMP's default,
  // and at most the cores other processes leave free (parallel/MachineLoad.hpp;
  // not in a split run, whose other ranks would count), decided at the start and
  // again at every output time, between steps.
  bool threads_by_case_size = false;
  // Called when the thread count so chosen changes at an output time, with the new
  // count and the time (s); not at the start.
  std::function<void(int threads, double time_s)> on_threads_changed;
  // Tests: the thread count at the start and at each output time, in place of the
  // machine's load (used only with threads_by_case_size).
  std::function<int()> threads_at_output;
};

struct RunSummary {
  std::optional<double> dose_ug_cm2;  // nullopt for an infinite dose
  double receptor_ug_cm2 = 0.0;
  std::optional<double> absorbed_fraction;  // (receptor + cleared) / dose
  std::vector<std::string> layer_names;
  std::vector<double> per_layer_ug_cm2;
  double vehicle_ug_cm2 = 0.0;
  double cleared_ug_cm2 = 0.0;
  double in_channels_ug_cm2 = 0.0;
  std::optional<analysis::SteadyState> steady_state;
  // A film compartment's (timestep/FilmCompartment.hpp): all applied and wiped off,
  // and when (summary.json `events`, the plots' marks).
  std::optional<double> applied_ug_cm2;
  std::optional<double> removed_ug_cm2;
  std::vector<double> applications_h, removals_h;
  std::optional<analysis::ExposureFigures> exposure;  // with case.exposure
  double max_mass_balance_rel = 0.0;
  std::size_t cells = 0;
  long steps = 0;
  long rejected_steps = 0;
  long linear_iterations = 0;
  double wall_s = 0.0;
  double peak_rss_mb = 0.0;           // of all ranks together
  int threads = 1;                    // per rank
  bool threads_by_case_size = false;  // chosen from the cell count (RunOptions), as
                                      // the finished line says (not summary.json,
                                      // which holds results and their timing)
  int ranks = 1;                      // the case was split over this many MPI ranks
};

struct RunResult {
  std::vector<analysis::InventoryRow> rows;  // one per output time
  RunSummary summary;
};

RunResult run_case(const input::Case& c, const RunOptions& options = {});

}  // namespace dermaflux::run
