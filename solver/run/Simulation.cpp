#include "run/Simulation.hpp"

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <chrono>
#include <cmath>
#include <memory>
#include <sstream>

#include "core/Error.hpp"
#include "core/Parallel.hpp"
#include "input/CaseWriter.hpp"
#include "model/ProblemBuilder.hpp"
#include "parallel/Block.hpp"
#include "parallel/MachineLoad.hpp"
#include "parallel/RankGroup.hpp"
#include "run/BlockSystem.hpp"
#include "run/Checkpoint.hpp"
#include "run/LinearBackend.hpp"
#include "run/MemoryCheck.hpp"
#include "run/RunOutputs.hpp"
#include "run/SummaryJson.hpp"
#include "timestep/Bdf2Integrator.hpp"

namespace dermaflux::run {
namespace {

using Clock = std::chrono::steady_clock;

timestep::StepSettings step_settings(const input::Case& c) {
  timestep::StepSettings s;
  s.tolerance = c.time.tolerance;
  s.initial_step_s = c.time.initial_step_s;
  s.max_step_s = c.time.max_step_s;
  if (c.time.variable_order) s.max_order = timestep::kMaxVariableOrder;
  s.reference_potential = c.serum.concentration_kg_m3;
  return s;
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// This rank's block: all of the grid unless the case is split over several ranks.
parallel::Block block_for(const input::Case& c, const mesh::Grid& grid,
                          const parallel::RankGroup& ranks, const std::string& decomposition) {
  const std::array<int, 3> whole{grid.nx(), grid.ny(), grid.nz()};
  if (!ranks.split()) return parallel::block_of_rank(whole, {1, 1, 1}, 0);
  const std::array<int, 3> parts =
      decomposition.empty()
          ? parallel::choose_parts(whole, ranks.size(),
                                   c.domain.lateral == input::LateralBoundary::Periodic,
                                   run::split_runs_use_ours(c.solver))
          : parallel::parse_parts(decomposition, whole, ranks.size());
  return parallel::block_of_rank(whole, parts, ranks.rank());
}

// A dosing regimen's film compartment; none for an infinite dose or a static film
// (resolved as vehicle cells).
std::optional<timestep::FilmCompartment> film_of(const input::Case& c) {
  if (!timestep::has_film_compartment(c.serum)) return std::nullopt;
  return timestep::FilmCompartment(c.serum);
}

std::vector<std::string> layer_names(const input::Case& c) {
  std::vector<std::string> names;
  for (const auto& layer : c.layers) names.push_back(layer.name);
  return names;
}

// The thread count a run that chooses its own should have now, of `available`.
// A split run's other ranks are runnable threads too, but its own job's, on
// cores the launcher may have bound apart: its ranks keep the size-based count.
int wanted_threads(const RunOptions& options, const parallel::Block& block, int available) {
  if (options.threads_at_output) return options.threads_at_output();
  if (options.decomposed) return core::threads_for_cells(block.cell_count(), available);
  return parallel::threads_for_machine(block.cell_count(), available);
}

// Sets the thread count from the cell count and the machine's load when the user
// left it to the run; before the numerics are built, so that every loop runs on
// the threads chosen.
bool choose_threads(const RunOptions& options, const parallel::Block& block, int available) {
  if (options.threads_by_case_size)
    core::set_thread_count(wanted_threads(options, block, available));
  return options.threads_by_case_size;
}

// One run: set up (the numerics of this rank's block, the integrator, the output
// folder, a resumed run's state), step through the output times (measuring,
// writing, checkpointing), finish (the summary).
class Run {
 public:
  Run(const input::Case& c, const RunOptions& options)
      : case_(c),
        options_(options),
        whole_mesh_(model::case_mesh(c)),
        ranks_(options.decomposed ? parallel::RankGroup::everyone() : parallel::RankGroup::alone()),
        block_(block_for(c, whole_mesh_.grid, ranks_, options.decomposition)),
        threads_by_case_size_(choose_threads(options, block_, available_threads_)),
        resolved_case_(input::write_case_yaml(c)),
        checkpoints_(options.output_dir, options.checkpoint_interval_s, block_, ranks_),
        numerics_(c, whole_mesh_, block_, ranks_),
        film_(film_of(c)),
        integrator_(numerics_.system(), numerics_.solver(), numerics_.initial_field(),
                    step_settings(c)) {
    integrator_.set_global_sum(ranks_.global_sum());
    if (film_) {
      integrator_.set_film(*film_, film_area_m2(),
                           [this](bool open) { numerics_.set_top_open(open); });
      dose_ = film_->first_dose_kg_m2() * analysis::kUgPerCm2PerKgPerM2;
    } else if (!c.serum.infinite_dose) {
      dose_ = analysis::initial_amount_ug_cm2(numerics_.problem(), ranks_.global_sum());
    }
    if (numerics_.channels_close())
      integrator_.set_step_preparation([this](double t) { numerics_.set_geometry_for(t); });
    // The integrator holds the field now: the initial one is not needed again.
    numerics_.forget_initial_field();
    if (!options.output_dir.empty())
      outputs_ = std::make_unique<RunOutputs>(c, options, resolved_case_, layer_names(c),
                                              whole_mesh_, block_, ranks_, numerics_);
  }

  RunResult execute() {
    if (options_.on_start) options_.on_start(parallel::describe_parts(block_.parts));
    if (outputs_) {
      outputs_->open();
      if (options_.resume) restore(checkpoints_.read(fingerprint(identity())));
      outputs_->start(rows_);
    }
    try {
      step_through_outputs();
    } catch (const NumericalError& e) {
      mark_failed(e.what());
      throw;
    } catch (const IoError& e) {
      // A full disk may refuse the marker too; the error itself still reaches the user.
      try {
        mark_failed(e.what());
      } catch (const IoError&) {
      }
      throw;
    }
    RunResult result{rows_, summarise()};
    if (outputs_) {
      if (auto* folder = outputs_->folder()) folder->finish(summary_json(case_, result.summary));
      checkpoints_.remove_rank_files();
    }
    return result;
  }

 private:
  void step_through_outputs() {
    const auto& outputs = case_.time.output_times_s;
    // Setting up (mesh, channel raster, hierarchy) leaves freed blocks inside the
    // heap that stay resident: hand their pages back before the steps, whose arrays
    // are all made by now (3-4 B a cell of the peak on the bench case; RESULTS.md,
    // "Memory").
#ifdef __GLIBC__
    malloc_trim(0);
#endif
    for (; next_output_ < outputs.size(); ++next_output_) {
      advance(outputs[next_output_]);
      auto row = analysis::measure(numerics_.problem(), numerics_.system(), integrator_.solution(),
                                   integrator_.cumulative(), integrator_.time(), dose_,
                                   ranks_.global_sum());
      if (film_)
        analysis::book_film(
            row, film_->amounts_at(integrator_.time(),
                                   integrator_.cumulative().entered_kg / film_area_m2()));
      record(row);
      if (outputs_ && checkpoints_.due(0.1 * options_.checkpoint_interval_s)) checkpoint();
      if (next_output_ + 1 < outputs.size()) follow_load();
    }
  }

  // Between steps, never inside a solve: a run that chooses its own thread count
  // follows the machine's load (one /proc read on a quiet machine, none for a run
  // too small for a second thread: parallel/MachineLoad.hpp). Results are the same bits for
  // any count (core/Parallel.hpp), so only the speed changes.
  void follow_load() {
    if (!threads_by_case_size_) return;
    const int threads = wanted_threads(options_, block_, available_threads_);
    if (threads == core::thread_count()) return;
    core::set_thread_count(threads);
    if (options_.on_threads_changed) options_.on_threads_changed(threads, integrator_.time());
  }

  void advance(double t) {
    integrator_.advance_to(t, [&](double now) {
      if (options_.on_progress)
        options_.on_progress({now, case_.time.end_s, integrator_.stats().steps});
      if (!outputs_) return;
      if (stop_requested()) interrupt();
      if (checkpoints_.due(options_.checkpoint_interval_s)) checkpoint();
    });
  }

  void record(const analysis::InventoryRow& row) {
    rows_.push_back(row);
    if (!outputs_) return;
    // A snapshot's buffers take the place of the solver's workspace (made again by
    // the next solve); without a snapshot there is nothing to make room for.
    if (case_.output.vtk) numerics_.solver().release_workspace();
    outputs_->record(row, static_cast<int>(rows_.size() - 1), integrator_.solution());
  }

  // Whether any rank was asked to stop (every rank must stop at the same step).
  bool stop_requested() const {
    return ranks_.any(options_.stop_requested && options_.stop_requested());
  }

  const std::string& identity() const {
    return options_.checkpoint_identity.empty() ? resolved_case_ : options_.checkpoint_identity;
  }

  // A run resumed towards another end (--until) continues only through the same
  // output times: those the stopped run wrote must open this run's list.
  void check_outputs_continue(const RunCheckpoint& saved) const {
    const auto& outputs = case_.time.output_times_s;
    const double stopped_h = saved.integrator.time_s / 3600.0;
    bool same = saved.rows.size() <= outputs.size() && saved.integrator.time_s <= case_.time.end_s;
    for (std::size_t n = 0; same && n < saved.rows.size(); ++n)
      same = std::abs(saved.rows[n].time_h * 3600.0 - outputs[n]) <= 1e-9 * (1.0 + outputs[n]);
    if (!same)
      throw UsageError("the checkpoint stopped at t = " + std::to_string(stopped_h) +
                       " h on the way to another end, whose outputs this run does not share "
                       "(an --until between output times, or before the stop): resume with the "
                       "--until the stopped run had, or one at a later output time");
  }

  void restore(RunCheckpoint saved) {
    check_outputs_continue(saved);
    numerics_.set_geometry_for(saved.integrator.time_s);  // the geometry of the saved field
    integrator_.restore(saved.integrator);
    rows_ = std::move(saved.rows);
    next_output_ = saved.next_output;
    wall_before_ = saved.wall_s;
  }

  // After an output is recorded the next one is due; mid-interval the current one.
  void checkpoint() {
    RunCheckpoint c;
    c.case_fingerprint = fingerprint(identity());
    c.next_output = rows_.size();
    c.wall_s = wall_before_ + seconds_since(start_);
    c.rows = rows_;
    // Streamed from the integrator's own fields to the file: no field-sized
    // buffer, so the solver's workspace stays.
    integrator_.lend_state([&](const timestep::IntegratorState& s) {
      checkpoints_.write([&](const io::ByteSink& sink) { serialize(c, s, sink); },
                         outputs_->folder());
    });
  }

  // Keeps what was written and says why the run stopped and from where it could go on.
  void mark_failed(const std::string& why) {
    if (outputs_) outputs_->mark_failed(why);
  }

  [[noreturn]] void interrupt() {
    checkpoint();
    std::ostringstream text;
    text << "This run of case " << case_.name
         << " was interrupted at t = " << integrator_.time() / 3600.0 << " h of "
         << case_.time.end_s / 3600.0 << " h (step " << integrator_.stats().steps << ", "
         << rows_.size() << " of " << case_.time.output_times_s.size() << " outputs written).\n"
         << "Its state is in checkpoint.bin"
         << (ranks_.split() ? " and the ranks' checkpoint.rank-*.bin" : "")
         << ". To continue where it stopped:\n  "
         << (ranks_.split() ? "mpirun -n " + std::to_string(ranks_.size()) + " " : std::string())
         << (options_.resume_hint.empty()
                 ? "dermaflux run CASE.yaml --resume --output " + options_.output_dir.string()
                 : options_.resume_hint)
         << "\n";
    if (auto* folder = outputs_->folder()) folder->mark_interrupted(text.str());
    throw Interrupted("interrupted at t = " + std::to_string(integrator_.time() / 3600.0) +
                      " h; checkpoint written to " + checkpoint_file(options_.output_dir).string() +
                      "; continue with --resume");
  }

  double film_area_m2() const {
    return numerics_.problem().domain_area_m2();
  }

  RunSummary summarise() const {
    RunSummary s;
    const auto& last = rows_.back();
    s.dose_ug_cm2 = dose_;
    s.receptor_ug_cm2 = last.receptor_ug_cm2;
    // A regimen's fraction is of all it applied.
    const std::optional<double> basis = last.film ? last.film->applied_ug_cm2 : dose_;
    if (basis) s.absorbed_fraction = (last.receptor_ug_cm2 + last.cleared_ug_cm2) / *basis;
    s.layer_names = layer_names(case_);
    s.per_layer_ug_cm2 = last.layer_ug_cm2;
    s.vehicle_ug_cm2 = last.vehicle_ug_cm2;
    s.cleared_ug_cm2 = last.cleared_ug_cm2;
    s.in_channels_ug_cm2 = last.in_channels_ug_cm2;
    std::vector<analysis::ReceptorSample> samples;
    for (const auto& row : rows_) {
      s.max_mass_balance_rel = std::max(s.max_mass_balance_rel, row.mass_balance_rel);
      double depleted = dose_ ? 1.0 - row.vehicle_ug_cm2 / *dose_ : 0.0;
      if (row.film && row.film->applied_ug_cm2 > 0.0)  // what the film holds, dissolved or not
        depleted = 1.0 - (row.vehicle_ug_cm2 + row.film->solid_ug_cm2) / row.film->applied_ug_cm2;
      samples.push_back({row.time_h, row.receptor_ug_cm2, row.flux_ug_cm2_h, depleted});
    }
    s.steady_state = analysis::find_steady_state(samples);
    if (last.film) {
      s.applied_ug_cm2 = last.film->applied_ug_cm2;
      s.removed_ug_cm2 = last.film->removed_ug_cm2;
      for (const auto& a : case_.serum.applications) s.applications_h.push_back(a.at_s / 3600.0);
      if (case_.serum.applications.empty()) s.applications_h.push_back(0.0);
      for (const double t : case_.serum.remove_at_s) s.removals_h.push_back(t / 3600.0);
    }
    if (case_.exposure && case_.serum.area_m2)
      s.exposure = analysis::systemic_exposure(last, *case_.serum.area_m2, *case_.exposure);
    s.cells = whole_mesh_.grid.cell_count();
    s.steps = integrator_.stats().steps;
    s.rejected_steps = integrator_.stats().rejected_steps;
    s.linear_iterations = integrator_.stats().linear_iterations;
    s.threads = core::thread_count();
    s.threads_by_case_size = threads_by_case_size_;
    s.ranks = ranks_.size();
    s.wall_s = wall_before_ + seconds_since(start_);
    s.peak_rss_mb = ranks_.sum(peak_rss_mb());
    return s;
  }

  const input::Case& case_;
  const RunOptions& options_;
  // The case's mesh, coordinates and materials only (no per-cell data): the
  // outputs' grid, and what a split run cuts into blocks.
  mesh::LayeredMesh whole_mesh_;
  parallel::RankGroup ranks_;  // the ranks the case is split over; this process alone
  parallel::Block block_;      // this rank's cells (all of them on one rank)
  // OpenMP's thread count before the run chose one: the most it may take.
  int available_threads_ = core::thread_count();
  bool threads_by_case_size_;  // the thread count was chosen from block_'s cells
  const Clock::time_point start_ = Clock::now();
  double wall_before_ = 0.0;  // of a resumed run, before its checkpoint
  std::string resolved_case_;
  Checkpoints checkpoints_;
  BlockSystem numerics_;
  std::optional<timestep::FilmCompartment> film_;  // a dosing regimen's
  timestep::Bdf2Integrator integrator_;
  std::optional<double> dose_;
  std::unique_ptr<RunOutputs> outputs_;  // an output folder was asked for
  std::vector<analysis::InventoryRow> rows_;
  std::size_t next_output_ = 0;
};

}  // namespace

RunResult run_case(const input::Case& c, const RunOptions& options) {
  Run run(c, options);
  return run.execute();
}

}  // namespace dermaflux::run
