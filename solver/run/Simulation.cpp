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
#include "io/RunFolder.hpp"
#include "linear/Multigrid.hpp"
#include "model/ChannelClosure.hpp"
#include "model/ProblemBuilder.hpp"
#include "operator/DiffusionOperator.hpp"
#include "run/Checkpoint.hpp"
#include "run/LinearBackend.hpp"
#include "run/MemoryCheck.hpp"
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
  s.reference_potential = c.serum.concentration_kg_m3;
  s.cg.relative_tolerance = c.solver.linear_tolerance;
  s.cg.max_iterations = c.solver.max_iterations;
  return s;
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Per-cell arrays for a VTK snapshot; `material` does not change during a run
// and is built once.
struct SnapshotBuffers {
  std::vector<double> concentration;
  std::vector<int> material;
  std::vector<double> no_channels;  // zeros, made only for a run without channels

  explicit SnapshotBuffers(const model::Problem& problem)
      : concentration(problem.cell_count()), material(problem.cell_count()) {
    for (std::size_t c = 0; c < material.size(); ++c)
      material[c] = problem.mesh.material_of_cell(c);
  }

  io::SnapshotArrays arrays(const model::Problem& problem, const linear::Vector& u) {
    // Tissue concentration c = K u in tissue, u in open channel (DESIGN.md).
#pragma omp parallel for schedule(static)
    for (std::size_t c = 0; c < concentration.size(); ++c)
      concentration[c] = model::concentration_factor(problem, c) * u[static_cast<Eigen::Index>(c)];
    // The problem's own channel fractions, not a copy: they change only between steps.
    if (problem.channel_fraction.empty() && no_channels.size() != concentration.size())
      no_channels.assign(concentration.size(), 0.0);
    const auto& channel_fraction =
        problem.channel_fraction.empty() ? no_channels : problem.channel_fraction;
    return {
        concentration, {u.data(), static_cast<std::size_t>(u.size())}, material, channel_fraction};
  }
};

// One run: the problem, its solver and integrator, the output folder, and the
// progress through output times and channel-closure updates.
class Run {
 public:
  Run(const input::Case& c, const RunOptions& options)
      : case_(c),
        options_(options),
        resolved_case_(input::write_case_yaml(c)),
        channels_(model::case_channels(c)),
        closure_(channels_, c.needles ? c.needles->closure_half_life_s : std::optional<double>()),
        applied_quantum_(closure_.quantum_at(0.0)),
        problem_(preflight_then_build(c, closure_.open_channels(applied_quantum_))),
        system_(problem_),
        preconditioner_(system_),
        integrator_(system_, preconditioner_, initial_field(), step_settings(c)),
        backend_(make_linear_backend(c.solver, system_)) {
    integrator_.set_step_solver(backend_.get());  // nullptr: our own CG
    if (!c.serum.infinite_dose) dose_ = analysis::initial_amount_ug_cm2(problem_);
    if (closure_.closes())
      integrator_.set_step_preparation([this](double t) { set_geometry_for(t); });
    for (const auto& layer : c.layers) layer_names_.push_back(layer.name);
    // The integrator holds the field now: the initial one is not needed again.
    std::vector<double>().swap(problem_.initial_potential_kg_m3);
  }

  RunResult execute() {
    if (!options_.output_dir.empty()) open_folder();
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

  static model::Problem preflight_then_build(const input::Case& c,
                                             const std::vector<mesh::Channel>& open) {
    check_memory(model::planned_cell_count(c));
    return model::build_problem(c, open);
  }

  void step_through_outputs() {
    const auto& outputs = case_.time.output_times_s;
    for (; next_output_ < outputs.size(); ++next_output_) {
      advance(outputs[next_output_]);
      record(analysis::measure(problem_, system_, integrator_.solution(), integrator_.cumulative(),
                               integrator_.time(), dose_));
      if (folder_ && options_.checkpoint_interval_s > 0.0 &&
          seconds_since(last_checkpoint_) >= 0.1 * options_.checkpoint_interval_s)
        checkpoint();
    }
  }

  // The channel geometry of time t (closure): re-rasterised when t falls in
  // another quantum of the radius scale than the geometry in use.
  void set_geometry_for(double t) {
    const long quantum = closure_.quantum_at(t);
    if (quantum == applied_quantum_) return;
    applied_quantum_ = quantum;
    model::set_channels(problem_, closure_.open_channels(quantum));
    system_.reassemble(problem_);
    preconditioner_.rebuild();
  }

  linear::Vector initial_field() const {
    return Eigen::Map<const linear::Vector>(problem_.initial_potential_kg_m3.data(),
                                            static_cast<Eigen::Index>(problem_.cell_count()));
  }

  void open_folder() {
    folder_ = std::make_unique<io::RunFolder>(
        options_.output_dir, case_.name,
        io::FolderOpening{resolved_case_, options_.resume, options_.overwrite});
    if (case_.output.vtk) buffers_ = std::make_unique<SnapshotBuffers>(problem_);
    if (!channels_.empty() && !options_.resume)
      io::write_channels_vtp(options_.output_dir / "channels.vtp", channels_,
                             problem_.sides == model::SideBoundary::Periodic, case_.domain.width_m,
                             case_.domain.length_m);
    if (options_.resume) restore();
    folder_->write_timeseries_header(analysis::timeseries_header(layer_names_));
    profile_columns_ = analysis::profile_columns(problem_.mesh.grid, channels_,
                                                 problem_.sides == model::SideBoundary::Periodic);
    std::size_t skin_planes = 0;
    for (int material : problem_.mesh.plane_material) skin_planes += material >= 1 ? 1 : 0;
    folder_->open_profiles(analysis::profiles_header(), rows_.size(), skin_planes);
    for (std::size_t n = 0; n < rows_.size(); ++n) {
      folder_->append_timeseries_line(analysis::timeseries_line(rows_[n]));
      if (buffers_) folder_->register_snapshot(static_cast<int>(n), rows_[n].time_h);
    }
  }

  void restore() {
    const auto file = folder_->checkpoint_file();
    if (!std::filesystem::exists(file))
      throw UsageError("nothing to resume: " + file.string() +
                       " does not exist (run without --resume to start anew)");
    RunCheckpoint saved = deserialize(read_file(file), file.string());
    if (saved.case_fingerprint != fingerprint(resolved_case_))
      throw UsageError(file.string() +
                       " belongs to a different case (the case file changed since "
                       "it was written); run without --resume to start anew");
    set_geometry_for(saved.integrator.time_s);  // the geometry of the saved field
    integrator_.restore(saved.integrator);
    rows_ = std::move(saved.rows);
    next_output_ = saved.next_output;
    wall_before_ = saved.wall_s;
  }

  void advance(double t) {
    integrator_.advance_to(t, [&](double now) {
      if (options_.on_progress)
        options_.on_progress({now, case_.time.end_s, integrator_.stats().steps});
      if (!folder_) return;
      if (options_.stop_requested && options_.stop_requested()) interrupt();
      if (options_.checkpoint_interval_s > 0.0 &&
          seconds_since(last_checkpoint_) >= options_.checkpoint_interval_s)
        checkpoint();
    });
  }

  void record(const analysis::InventoryRow& row) {
    rows_.push_back(row);
    if (!folder_) return;
    folder_->append_timeseries_line(analysis::timeseries_line(row));
    folder_->append_profile_lines(analysis::profile_lines(
        row.time_h, analysis::depth_profile(problem_, integrator_.solution(), profile_columns_),
        layer_names_));
    if (buffers_)
      folder_->write_snapshot(static_cast<int>(rows_.size() - 1), row.time_h, problem_.mesh.grid,
                              buffers_->arrays(problem_, integrator_.solution()));
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
    folder_->write_checkpoint(bytes);
    last_checkpoint_ = Clock::now();
  }

  [[noreturn]] void interrupt() {
    checkpoint();
    std::ostringstream text;
    text << "This run of case " << case_.name
         << " was interrupted at t = " << integrator_.time() / 3600.0 << " h of "
         << case_.time.end_s / 3600.0 << " h (step " << integrator_.stats().steps << ", "
         << rows_.size() << " of " << case_.time.output_times_s.size() << " outputs written).\n"
         << "Its state is in checkpoint.bin. To continue where it stopped:\n  "
         << (options_.resume_hint.empty()
                 ? "dermaflux run CASE.yaml --resume --output " + options_.output_dir.string()
                 : options_.resume_hint)
         << "\n";
    folder_->mark_interrupted(text.str());
    throw Interrupted("interrupted at t = " + std::to_string(integrator_.time() / 3600.0) +
                      " h; checkpoint written to " + folder_->checkpoint_file().string() +
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
    s.cells = problem_.cell_count();
    s.steps = integrator_.stats().steps;
    s.rejected_steps = integrator_.stats().rejected_steps;
    s.linear_iterations = integrator_.stats().linear_iterations;
    s.threads = core::thread_count();
    s.wall_s = wall_before_ + seconds_since(start_);
    s.peak_rss_mb = peak_rss_mb();
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
  const Clock::time_point start_ = Clock::now();
  Clock::time_point last_checkpoint_ = Clock::now();
  double wall_before_ = 0.0;
  std::string resolved_case_;
  std::vector<mesh::Channel> channels_;
  model::ChannelClosure closure_;
  long applied_quantum_ = 0;
  model::Problem problem_;
  op::DiffusionOperator system_;
  linear::MultigridPreconditioner preconditioner_;
  timestep::Bdf2Integrator integrator_;
  std::unique_ptr<linear::StepSolver> backend_;  // solver.backend other than dermaflux
  std::optional<double> dose_;
  std::vector<std::string> layer_names_;
  std::unique_ptr<io::RunFolder> folder_;
  std::unique_ptr<SnapshotBuffers> buffers_;
  analysis::ProfileColumns profile_columns_;  // profiles.csv: axis and between columns
  std::vector<analysis::InventoryRow> rows_;
  std::size_t next_output_ = 0;
};

}  // namespace

RunResult run_case(const input::Case& c, const RunOptions& options) {
  Run run(c, options);
  return run.execute();
}

}  // namespace dermaflux::run
