#include "run/Simulation.hpp"

#include <chrono>
#include <memory>

#include "core/Parallel.hpp"
#include "input/CaseWriter.hpp"
#include "io/RunFolder.hpp"
#include "linear/Multigrid.hpp"
#include "model/ProblemBuilder.hpp"
#include "operator/DiffusionOperator.hpp"
#include "run/SummaryJson.hpp"
#include "timestep/Bdf2Integrator.hpp"

namespace dermaflux::run {
namespace {

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

// Per-cell arrays for a VTK snapshot; `material` and `channel_fraction` do not
// change during a run and are built once.
struct SnapshotBuffers {
  std::vector<double> concentration;
  std::vector<int> material;
  std::vector<double> channel_fraction;

  explicit SnapshotBuffers(const model::Problem& problem)
      : concentration(problem.cell_count()),
        material(problem.cell_count()),
        channel_fraction(problem.cell_count(), 0.0) {
    for (std::size_t c = 0; c < material.size(); ++c)
      material[c] = problem.mesh.material_of_cell(c);
  }

  io::SnapshotArrays arrays(const model::Problem& problem, const linear::Vector& u) {
    // Tissue concentration c = K u (DESIGN.md: u is the vehicle-equivalent concentration).
#pragma omp parallel for schedule(static)
    for (std::size_t c = 0; c < concentration.size(); ++c)
      concentration[c] = problem.materials[static_cast<std::size_t>(material[c])].partition *
                         u[static_cast<Eigen::Index>(c)];
    return {
        concentration, {u.data(), static_cast<std::size_t>(u.size())}, material, channel_fraction};
  }
};

}  // namespace

RunResult run_case(const input::Case& c, const RunOptions& options) {
  const auto wall_start = std::chrono::steady_clock::now();
  const model::Problem problem = model::build_problem(c);
  op::DiffusionOperator system(problem);
  linear::MultigridPreconditioner preconditioner(system);
  const linear::Vector initial = Eigen::Map<const linear::Vector>(
      problem.initial_potential_kg_m3.data(), static_cast<Eigen::Index>(problem.cell_count()));
  timestep::Bdf2Integrator integrator(system, preconditioner, initial, step_settings(c));

  std::optional<double> dose;
  if (!c.serum.infinite_dose) dose = analysis::initial_amount_ug_cm2(problem);

  std::vector<std::string> layer_names;
  for (const auto& layer : c.layers) layer_names.push_back(layer.name);

  std::unique_ptr<io::RunFolder> folder;
  std::unique_ptr<SnapshotBuffers> buffers;
  if (!options.output_dir.empty()) {
    folder = std::make_unique<io::RunFolder>(options.output_dir, c.name);
    folder->write_resolved_case(input::write_case_yaml(c));
    folder->write_timeseries_header(analysis::timeseries_header(layer_names));
    if (c.output.vtk) buffers = std::make_unique<SnapshotBuffers>(problem);
  }

  RunResult result;
  const double end_s = c.time.end_s;
  int snapshot = 0;
  for (const double t_out : c.time.output_times_s) {
    integrator.advance_to(t_out, [&](double t) {
      if (options.on_progress) options.on_progress({t, end_s, integrator.stats().steps});
    });
    const auto row = analysis::measure(problem, system, integrator.solution(),
                                       integrator.cumulative(), integrator.time(), dose);
    result.rows.push_back(row);
    if (folder) {
      folder->append_timeseries_line(analysis::timeseries_line(row));
      if (buffers)
        folder->write_snapshot(snapshot++, row.time_h, problem.mesh.grid,
                               buffers->arrays(problem, integrator.solution()));
    }
  }

  // Summary figures from the last row and the whole receptor curve.
  RunSummary& s = result.summary;
  const auto& last = result.rows.back();
  s.dose_ug_cm2 = dose;
  s.receptor_ug_cm2 = last.receptor_ug_cm2;
  if (dose) s.absorbed_fraction = (last.receptor_ug_cm2 + last.cleared_ug_cm2) / *dose;
  s.layer_names = layer_names;
  s.per_layer_ug_cm2 = last.layer_ug_cm2;
  s.vehicle_ug_cm2 = last.vehicle_ug_cm2;
  s.cleared_ug_cm2 = last.cleared_ug_cm2;
  s.in_channels_ug_cm2 = last.in_channels_ug_cm2;
  std::vector<analysis::ReceptorSample> samples;
  for (const auto& row : result.rows) {
    s.max_mass_balance_rel = std::max(s.max_mass_balance_rel, row.mass_balance_rel);
    const double depleted = dose ? 1.0 - row.vehicle_ug_cm2 / *dose : 0.0;
    samples.push_back({row.time_h, row.receptor_ug_cm2, row.flux_ug_cm2_h, depleted});
  }
  s.steady_state = analysis::find_steady_state(samples);
  s.cells = problem.cell_count();
  s.steps = integrator.stats().steps;
  s.rejected_steps = integrator.stats().rejected_steps;
  s.linear_iterations = integrator.stats().linear_iterations;
  s.threads = core::thread_count();
  s.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  if (folder) folder->finish(summary_json(c, s));
  return result;
}

}  // namespace dermaflux::run
