#include "run/Simulation.hpp"

#include <chrono>
#include <memory>
#include <sstream>

#include "analysis/DepthProfile.hpp"
#include "core/Error.hpp"
#include "core/Parallel.hpp"
#include "input/CaseWriter.hpp"
#include "io/AtomicFile.hpp"
#include "io/ChannelsVtp.hpp"
#include "io/RunCsv.hpp"
#include "io/RunFolder.hpp"
#include "linear/Multigrid.hpp"
#include "linear/StepsSolvedElsewhere.hpp"
#include "model/ChannelClosure.hpp"
#include "model/ProblemBuilder.hpp"
#include "operator/DiffusionOperator.hpp"
#include "parallel/Block.hpp"
#include "parallel/Session.hpp"
#include "run/Checkpoint.hpp"
#include "run/LinearBackend.hpp"
#include "run/MemoryCheck.hpp"
#include "run/SnapshotBuffers.hpp"
#include "run/SummaryJson.hpp"
#include "timestep/Bdf2Integrator.hpp"
#ifdef DERMAFLUX_HAVE_HYPRE
#include "linear/HypreStructSolver.hpp"
#endif

namespace dermaflux::run {
namespace {

using Clock = std::chrono::steady_clock;

timestep::StepSettings step_settings(const input::Case& c) {
  timestep::StepSettings s;
  s.tolerance = c.time.tolerance;
  s.initial_step_s = c.time.initial_step_s;
  s.max_step_s = c.time.max_step_s;
  s.reference_potential = c.serum.concentration_kg_m3;
  s.cg.relative_tolerance = c.solver.linear_tolerance;
  s.cg.max_iterations = c.solver.max_iterations;
  return s;
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// This rank's block: all of the grid unless the case is split over several ranks.
parallel::Block block_for(const input::Case& c, const mesh::Grid& grid, const RunOptions& options) {
  const std::array<int, 3> whole{grid.nx(), grid.ny(), grid.nz()};
  const int ranks = options.decomposed ? parallel::world().size() : 1;
  if (ranks <= 1) return parallel::block_of_rank(whole, {1, 1, 1}, 0);
  const std::array<int, 3> parts =
      options.decomposition.empty()
          ? parallel::choose_parts(whole, ranks,
                                   c.domain.lateral == input::LateralBoundary::Periodic)
          : parallel::parse_parts(options.decomposition, whole, ranks);
  return parallel::block_of_rank(whole, parts, parallel::world().rank());
}

// One run: the problem, its solver and integrator, the output folder, and the
// progress through output times and channel-closure updates.
class Run {
 public:
  Run(const input::Case& c, const RunOptions& options)
      : case_(c),
        options_(options),
        whole_mesh_(model::case_mesh(c)),
        block_(block_for(c, whole_mesh_.grid, options)),
        sum_(decomposed() ? parallel::world_sum() : core::GlobalSum()),
        writing_(!options.output_dir.empty()),
        resolved_case_(input::write_case_yaml(c)),
        channels_(model::case_channels(c)),
        closure_(channels_, c.needles ? c.needles->closure_half_life_s : std::optional<double>()),
        applied_quantum_(closure_.quantum_at(0.0)),
        problem_(preflight_then_build(closure_.open_channels(applied_quantum_))),
        system_(problem_),
        backend_(decomposed() ? distributed_backend() : make_linear_backend(c.solver, system_)),
        preconditioner_(make_preconditioner()),
        integrator_(system_, *preconditioner_, initial_field(), step_settings(c)) {
    integrator_.set_step_solver(backend_.get());  // nullptr: our own CG
    if (decomposed()) integrator_.set_global_sum(sum_);
    if (!c.serum.infinite_dose) dose_ = analysis::initial_amount_ug_cm2(problem_, sum_);
    if (closure_.closes())
      integrator_.set_step_preparation([this](double t) { set_geometry_for(t); });
    for (const auto& layer : c.layers) layer_names_.push_back(layer.name);
    // The integrator holds the field now: the initial one is not needed again.
    std::vector<double>().swap(problem_.initial_potential_kg_m3);
  }

  RunResult execute() {
    if (options_.on_start) options_.on_start(parallel::describe_parts(block_.parts));
    if (writing_) open_folder();
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
    if (folder_) folder_->finish(summary_json(case_, result.summary));
    if (decomposed() && writing_) remove_split_checkpoint();
    return result;
  }

 private:
  // Keeps what was written and says why the run stopped and from where it could go on.
  void mark_failed(const std::string& why) {
    if (!folder_) return;
    folder_->mark_failed(std::string("This run of case ") + case_.name + " failed: " + why +
                         "\nEverything written before the failure is kept; the last "
                         "checkpoint (if any) is in checkpoint.bin.\n");
  }

  bool decomposed() const { return block_.ranks > 1; }
  bool root() const { return block_.rank == 0; }
  std::array<int, 3> offset() const {
    return {block_.cells[0].begin, block_.cells[1].begin, block_.cells[2].begin};
  }

  model::Problem preflight_then_build(const std::vector<mesh::Channel>& open) {
    if (!decomposed()) {
      check_memory(whole_mesh_.grid.cell_count());
      return model::build_problem(case_, open);
    }
    // Every rank must know when one of them cannot go on, or the others would
    // wait for it in the first sum.
    const auto shortfall =
        split_memory_shortfall(block_.cell_count(), parallel::ranks_on_my_node());
    const double short_ranks = core::sum_over_ranks(sum_, shortfall ? 1.0 : 0.0);
    if (short_ranks > 0.0)
      throw UsageError("the case split over " + std::to_string(block_.ranks) +
                       " MPI ranks does not fit in memory" +
                       (shortfall ? ": " + *shortfall : std::string(" on some node")) +
                       "; use more nodes, fewer ranks per node, or a coarser mesh");
    return build_block(open);
  }

  // This rank's block; the faces to its neighbours go to the solver.
  model::Problem build_block(const std::vector<mesh::Channel>& open) {
    model::BlockProblem part = model::build_block_problem(case_, whole_mesh_, open, block_);
    faces_ = std::move(part.faces);
    return std::move(part.problem);
  }

  // hypre's PFMG-CG over the ranks' boxes: our own multigrid works in one process.
  std::unique_ptr<linear::StepSolver> distributed_backend() {
#ifdef DERMAFLUX_HAVE_HYPRE
    linear::CgSettings cg;
    cg.relative_tolerance = case_.solver.linear_tolerance;
    cg.max_iterations = case_.solver.max_iterations;
    auto solver = std::make_unique<linear::HypreStructSolver>(
        system_, cg, linear::PfmgSettings{},
        linear::StructPiece{offset(), block_.whole, faces_, sum_});
    hypre_piece_ = solver.get();
    return solver;
#else
    throw UsageError(
        "a run split over MPI ranks solves with hypre, and this build of dermaflux has none "
        "(install libhypre-dev and rebuild with -DDERMAFLUX_WITH_HYPRE=ON)");
#endif
  }

  // Our multigrid for our CG; with another backend its hierarchy (about a third
  // of a run's memory) would only sit there.
  std::unique_ptr<linear::Preconditioner> make_preconditioner() {
    if (backend_) return std::make_unique<linear::StepsSolvedElsewhere>(system_.size());
    auto multigrid = std::make_unique<linear::MultigridPreconditioner>(system_);
    multigrid_ = multigrid.get();
    return multigrid;
  }

  // Whether any rank was asked to stop (every rank must stop at the same step).
  bool stop_requested() const {
    const bool mine = options_.stop_requested && options_.stop_requested();
    if (!decomposed()) return mine;
    return core::sum_over_ranks(sum_, mine ? 1.0 : 0.0) > 0.0;
  }

  void step_through_outputs() {
    const auto& outputs = case_.time.output_times_s;
    for (; next_output_ < outputs.size(); ++next_output_) {
      advance(outputs[next_output_]);
      record(analysis::measure(problem_, system_, integrator_.solution(), integrator_.cumulative(),
                               integrator_.time(), dose_, sum_));
      if (writing_ && checkpoint_due(0.1 * options_.checkpoint_interval_s)) checkpoint();
    }
  }

  // The channel geometry of time t (closure): re-rasterised when t falls in
  // another quantum of the radius scale than the geometry in use.
  void set_geometry_for(double t) {
    const long quantum = closure_.quantum_at(t);
    if (quantum == applied_quantum_) return;
    applied_quantum_ = quantum;
    if (decomposed()) {
      problem_ = build_block(closure_.open_channels(quantum));
      std::vector<double>().swap(problem_.initial_potential_kg_m3);
#ifdef DERMAFLUX_HAVE_HYPRE
      hypre_piece_->set_piece_faces(faces_);
#endif
    } else {
      model::set_channels(problem_, closure_.open_channels(quantum));
    }
    system_.reassemble(problem_);
    if (multigrid_) multigrid_->rebuild();
  }

  linear::Vector initial_field() const {
    return Eigen::Map<const linear::Vector>(problem_.initial_potential_kg_m3.data(),
                                            static_cast<Eigen::Index>(problem_.cell_count()));
  }

  void open_folder() {
    open_folder_on_root();
    if (case_.output.vtk) buffers_ = std::make_unique<SnapshotBuffers>(problem_);
    profile_columns_ = analysis::profile_columns(whole_mesh_.grid, channels_,
                                                 problem_.sides == model::SideBoundary::Periodic);
    if (options_.resume) restore();
    if (!folder_) return;
    if (!channels_.empty() && !options_.resume)
      io::write_channels_vtp(options_.output_dir / "channels.vtp", channels_,
                             problem_.sides == model::SideBoundary::Periodic, case_.domain.width_m,
                             case_.domain.length_m);
    folder_->write_timeseries_header(io::timeseries_header(layer_names_));
    std::size_t skin_planes = 0;
    for (int material : whole_mesh_.plane_material) skin_planes += material >= 1 ? 1 : 0;
    folder_->open_profiles(io::profiles_header(), rows_.size(), skin_planes);
    for (std::size_t n = 0; n < rows_.size(); ++n) {
      folder_->append_timeseries_line(io::timeseries_line(rows_[n]));
      if (buffers_) folder_->register_snapshot(static_cast<int>(n), rows_[n].time_h, decomposed());
    }
  }

  // The folder is rank 0's. The other ranks wait until it exists (they write their
  // snapshot pieces into it) and learn whether it could be opened.
  void open_folder_on_root() {
    std::exception_ptr error;
    if (root()) {
      try {
        folder_ = std::make_unique<io::RunFolder>(
            options_.output_dir, case_.name,
            io::FolderOpening{resolved_case_, options_.resume, options_.overwrite});
      } catch (...) {
        if (!decomposed()) throw;
        error = std::current_exception();
      }
    }
    if (!decomposed()) return;
    const double failed = core::sum_over_ranks(sum_, error ? 1.0 : 0.0);
    if (error) std::rethrow_exception(error);
    // Rank 0 says why; the others stop with it, quietly.
    if (failed > 0.0)
      throw UsageError("rank 0 could not open the output folder " + options_.output_dir.string());
  }

  // Every rank reads checkpoint.bin (on a file system all ranks see): on one
  // process the state itself, split over ranks the manifest naming the
  // generation of the ranks' own files.
  void restore() {
    const auto file = checkpoint_file(options_.output_dir);
    if (!std::filesystem::exists(file))
      throw UsageError("nothing to resume: " + file.string() +
                       " does not exist (run without --resume to start anew)");
    const std::string bytes = read_file(file);
    const auto manifest = read_split_manifest(bytes);
    if (!decomposed() && manifest)
      throw UsageError(file.string() + " belongs to a run split over " +
                       std::to_string(manifest->ranks) + " MPI ranks as " +
                       parallel::describe_parts(manifest->parts) +
                       " blocks: resume it as mpirun -n " + std::to_string(manifest->ranks) +
                       " dermaflux run ... --resume");
    if (decomposed() && !manifest)
      throw UsageError(file.string() +
                       " belongs to a run on one process: resume it without mpirun");
    if (decomposed() && (manifest->ranks != block_.ranks || manifest->parts != block_.parts))
      throw UsageError(
          file.string() + " belongs to a run split over " + std::to_string(manifest->ranks) +
          " MPI ranks as " + parallel::describe_parts(manifest->parts) + " blocks, not " +
          parallel::describe_parts(block_.parts) + ": resume it as mpirun -n " +
          std::to_string(manifest->ranks) + " ... --resume --decomposition " +
          std::to_string(manifest->parts[0]) + "x" + std::to_string(manifest->parts[1]) + "x" +
          std::to_string(manifest->parts[2]));
    RunCheckpoint saved =
        decomposed() ? read_own_part(*manifest) : deserialize(bytes, file.string());
    if (saved.case_fingerprint != fingerprint(resolved_case_))
      throw UsageError(file.string() +
                       " belongs to a different case (the case file changed since "
                       "it was written); run without --resume to start anew");
    if (decomposed()) generation_ = manifest->generation;
    set_geometry_for(saved.integrator.time_s);  // the geometry of the saved field
    integrator_.restore(saved.integrator);
    rows_ = std::move(saved.rows);
    next_output_ = saved.next_output;
    wall_before_ = saved.wall_s;
  }

  // This rank's file of the manifest's generation. The ranks agree whether all
  // could read theirs: one missing or damaged file stops every rank alike.
  RunCheckpoint read_own_part(const SplitCheckpoint& manifest) {
    const auto file = split_checkpoint_file(options_.output_dir, block_.rank, manifest.generation);
    std::optional<RunCheckpoint> saved;
    std::string why;
    try {
      saved = deserialize(read_file(file), file.string());
    } catch (const IoError& e) {
      why = e.what();
    }
    if (core::sum_over_ranks(sum_, saved ? 0.0 : 1.0) > 0.0)
      throw UsageError("cannot resume: " +
                       (why.empty() ? std::string("another rank's part of the checkpoint is "
                                                  "missing or damaged")
                                    : why) +
                       "; run without --resume to start anew");
    return std::move(*saved);
  }

  void remove_split_checkpoint() const {
    std::error_code ignored;  // a leftover is harmless: the next run removes it
    for (int generation = 0; generation < 2; ++generation)
      std::filesystem::remove(split_checkpoint_file(options_.output_dir, block_.rank, generation),
                              ignored);
  }

  void advance(double t) {
    integrator_.advance_to(t, [&](double now) {
      if (options_.on_progress)
        options_.on_progress({now, case_.time.end_s, integrator_.stats().steps});
      if (!writing_) return;
      if (stop_requested()) interrupt();
      if (checkpoint_due(options_.checkpoint_interval_s)) checkpoint();
    });
  }

  void record(const analysis::InventoryRow& row) {
    rows_.push_back(row);
    if (!writing_) return;
    const auto profile =
        decomposed() ? analysis::depth_profile(problem_, integrator_.solution(), profile_columns_,
                                               whole_mesh_, offset(), sum_)
                     : analysis::depth_profile(problem_, integrator_.solution(), profile_columns_);
    if (folder_) {
      folder_->append_timeseries_line(io::timeseries_line(row));
      folder_->append_profile_lines(io::profile_lines(row.time_h, profile, layer_names_));
    }
    if (!buffers_) return;
    const int index = static_cast<int>(rows_.size() - 1);
    const io::SnapshotArrays arrays = buffers_->arrays(problem_, integrator_.solution());
    if (!decomposed()) {
      folder_->write_snapshot(index, row.time_h, problem_.mesh.grid, arrays);
      return;
    }
    // Every rank its piece; once all are in place, rank 0 lists them.
    io::write_vtr_snapshot(
        io::RunFolder::piece_file(options_.output_dir, case_.name, index, block_.rank),
        problem_.mesh.grid, arrays, row.time_h, offset());
    core::sum_over_ranks(sum_, 0.0);
    if (!folder_) return;
    std::vector<io::SnapshotPiece> pieces;
    for (int r = 0; r < block_.ranks; ++r) {
      const parallel::Block b = parallel::block_of_rank(block_.whole, block_.parts, r);
      pieces.push_back({{b.cells[0].begin, b.cells[1].begin, b.cells[2].begin},
                        {b.cells[0].size(), b.cells[1].size(), b.cells[2].size()},
                        io::RunFolder::piece_file({}, case_.name, index, r).filename().string()});
    }
    folder_->write_partitioned_snapshot(index, row.time_h, whole_mesh_.grid, pieces);
  }

  // After an output is recorded the next one is due; mid-interval the current one.
  void checkpoint() {
    RunCheckpoint c;
    c.case_fingerprint = fingerprint(resolved_case_);
    c.next_output = rows_.size();
    c.wall_s = wall_before_ + seconds_since(start_);
    c.rows = rows_;
    std::string bytes;
    integrator_.lend_state([&](const timestep::IntegratorState& s) { bytes = serialize(c, s); });
    if (!decomposed()) {
      folder_->write_checkpoint(bytes);
    } else {
      // Every rank's part of the other generation, then the manifest naming it:
      // until the manifest is in place the last complete generation stands.
      const int generation = 1 - generation_;
      io::write_file_atomically(split_checkpoint_file(options_.output_dir, block_.rank, generation),
                                bytes);
      core::sum_over_ranks(sum_, 0.0);  // every part is in place
      if (folder_)
        folder_->write_checkpoint(write_split_manifest({block_.ranks, block_.parts, generation}));
      generation_ = generation;
    }
    last_checkpoint_ = Clock::now();
  }

  // Whether to checkpoint now, `after_s` after the last one: rank 0's clock
  // decides for every rank.
  bool checkpoint_due(double after_s) {
    const bool due =
        options_.checkpoint_interval_s > 0.0 && seconds_since(last_checkpoint_) >= after_s;
    if (!decomposed()) return due && folder_;
    return core::sum_over_ranks(sum_, root() && due ? 1.0 : 0.0) > 0.0;
  }

  [[noreturn]] void interrupt() {
    checkpoint();
    std::ostringstream text;
    text << "This run of case " << case_.name
         << " was interrupted at t = " << integrator_.time() / 3600.0 << " h of "
         << case_.time.end_s / 3600.0 << " h (step " << integrator_.stats().steps << ", "
         << rows_.size() << " of " << case_.time.output_times_s.size() << " outputs written).\n"
         << "Its state is in checkpoint.bin"
         << (decomposed() ? " and the ranks' checkpoint.rank-*.bin" : "")
         << ". To continue where it stopped:\n  "
         << (decomposed() ? "mpirun -n " + std::to_string(block_.ranks) + " " : std::string())
         << (options_.resume_hint.empty()
                 ? "dermaflux run CASE.yaml --resume --output " + options_.output_dir.string()
                 : options_.resume_hint)
         << "\n";
    if (folder_) folder_->mark_interrupted(text.str());
    throw Interrupted("interrupted at t = " + std::to_string(integrator_.time() / 3600.0) +
                      " h; checkpoint written to " + checkpoint_file(options_.output_dir).string() +
                      "; continue with --resume");
  }

  RunSummary summarise() const {
    RunSummary s;
    const auto& last = rows_.back();
    s.dose_ug_cm2 = dose_;
    s.receptor_ug_cm2 = last.receptor_ug_cm2;
    if (dose_) s.absorbed_fraction = (last.receptor_ug_cm2 + last.cleared_ug_cm2) / *dose_;
    s.layer_names = layer_names_;
    s.per_layer_ug_cm2 = last.layer_ug_cm2;
    s.vehicle_ug_cm2 = last.vehicle_ug_cm2;
    s.cleared_ug_cm2 = last.cleared_ug_cm2;
    s.in_channels_ug_cm2 = last.in_channels_ug_cm2;
    std::vector<analysis::ReceptorSample> samples;
    for (const auto& row : rows_) {
      s.max_mass_balance_rel = std::max(s.max_mass_balance_rel, row.mass_balance_rel);
      const double depleted = dose_ ? 1.0 - row.vehicle_ug_cm2 / *dose_ : 0.0;
      samples.push_back({row.time_h, row.receptor_ug_cm2, row.flux_ug_cm2_h, depleted});
    }
    s.steady_state = analysis::find_steady_state(samples);
    s.cells = whole_mesh_.grid.cell_count();
    s.steps = integrator_.stats().steps;
    s.rejected_steps = integrator_.stats().rejected_steps;
    s.linear_iterations = integrator_.stats().linear_iterations;
    s.threads = core::thread_count();
    s.ranks = block_.ranks;
    s.wall_s = wall_before_ + seconds_since(start_);
    s.peak_rss_mb = core::sum_over_ranks(sum_, peak_rss_mb());
    return s;
  }

  static std::string read_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (!in) throw IoError("cannot read " + file.string());
    return bytes.str();
  }

  const input::Case& case_;
  const RunOptions& options_;
  // The case's mesh, coordinates and materials only (no per-cell data): the
  // outputs' grid, and what a split run cuts into blocks.
  mesh::LayeredMesh whole_mesh_;
  parallel::Block block_;  // this rank's cells (all of them on one rank)
  core::GlobalSum sum_;    // over the ranks; empty on one
  bool writing_;           // an output folder was asked for (rank 0 holds it)
  const Clock::time_point start_ = Clock::now();
  Clock::time_point last_checkpoint_ = Clock::now();
  double wall_before_ = 0.0;
  std::string resolved_case_;
  std::vector<mesh::Channel> channels_;
  model::ChannelClosure closure_;
  long applied_quantum_ = 0;
  // Split over ranks: the faces to the neighbour blocks.
  std::array<std::vector<double>, 6> faces_;
  model::Problem problem_;
  op::DiffusionOperator system_;
  // Before backend_: set while backend_ is made.
#ifdef DERMAFLUX_HAVE_HYPRE
  linear::HypreStructSolver* hypre_piece_ = nullptr;  // backend_ of a decomposed run
#endif
  std::unique_ptr<linear::StepSolver> backend_;           // solver.backend other than dermaflux
  linear::MultigridPreconditioner* multigrid_ = nullptr;  // preconditioner_, when ours
  std::unique_ptr<linear::Preconditioner> preconditioner_;
  timestep::Bdf2Integrator integrator_;
  std::optional<double> dose_;
  std::vector<std::string> layer_names_;
  std::unique_ptr<io::RunFolder> folder_;
  std::unique_ptr<SnapshotBuffers> buffers_;
  analysis::ProfileColumns profile_columns_;  // profiles.csv: axis and between columns
  std::vector<analysis::InventoryRow> rows_;
  std::size_t next_output_ = 0;
  int generation_ = 1;  // split over ranks: of the last checkpoint (the first writes 0)
};

}  // namespace

RunResult run_case(const input::Case& c, const RunOptions& options) {
  Run run(c, options);
  return run.execute();
}

}  // namespace dermaflux::run
