// A full time step and a whole case, in the same binary as the kernels and their
// STREAM triad (kernels_benchmark.cpp), so all are measured in one run:
//
//   build/release/benchmarks/bench_kernels --benchmark_filter='TimeStep|WholeCase'
//
// A time step is everything one BDF2 step does: the right-hand side, the
// predictor, multigrid-preconditioned CG, the conservative correction and the
// history update (fixed steps of 10 s on the layered grid, serum on top, sink
// below). The whole case is cases/bench_unit_cell.yaml's first simulated hour on a
// coarser or finer lateral mesh, measured only (nothing written).

#include <benchmark/benchmark.h>

#include <string>

#include "LayeredProblem.hpp"
#include "input/CaseReader.hpp"
#include "linear/CgStepSolver.hpp"
#include "linear/Multigrid.hpp"
#include "operator/DiffusionOperator.hpp"
#include "run/Simulation.hpp"
#include "timestep/Bdf2Integrator.hpp"

namespace {

using dermaflux::linear::Vector;

void BM_TimeStep(benchmark::State& state) {
  auto problem = dermaflux::bench::layered_problem(state.range(0));
  problem.top = dermaflux::model::TopBoundary::FixedPotential;
  problem.top_potential_kg_m3 = 30.0;  // 3 % caffeine
  problem.bottom = dermaflux::model::BottomBoundary::Sink;
  dermaflux::op::DiffusionOperator system(problem);
  dermaflux::linear::MultigridPreconditioner multigrid(system);
  dermaflux::linear::CgStepSolver solver(system, multigrid, dermaflux::linear::CgSettings{});
  dermaflux::timestep::StepSettings settings;
  settings.fixed_step_s = 10.0;
  settings.reference_potential = problem.top_potential_kg_m3;
  settings.max_steps = 1'000'000'000;
  const auto n = static_cast<Eigen::Index>(problem.cell_count());
  dermaflux::timestep::Bdf2Integrator integrator(system, solver, Vector::Zero(n), settings);
  integrator.advance_to(30.0);  // past the backward-Euler start: BDF2 steps from here
  for (auto _ : state) integrator.advance_to(integrator.time() + settings.fixed_step_s);
  state.SetItemsProcessed(state.iterations() * n);
  state.counters["cg_per_step"] =
      static_cast<double>(integrator.stats().linear_iterations) / integrator.stats().steps;
  state.SetComplexityN(n);
}

// range(0): the lateral spacings of the benchmark case, in percent.
void BM_WholeCase(benchmark::State& state) {
  auto c = dermaflux::input::read_case(std::string(DERMAFLUX_SOURCE_DIR) +
                                       "/cases/bench_unit_cell.yaml");
  const double scale = static_cast<double>(state.range(0)) / 100.0;
  c.mesh.lateral_spacing_m *= scale;
  c.mesh.channel_spacing_m *= scale;
  c.time.end_s = 3600.0;
  c.time.output_times_s = {0.0, 3600.0};
  c.output.vtk = false;
  dermaflux::run::RunSummary summary;
  for (auto _ : state) summary = dermaflux::run::run_case(c).summary;
  const auto cells = static_cast<std::int64_t>(summary.cells);
  state.SetItemsProcessed(state.iterations() * cells);
  state.counters["cells"] = static_cast<double>(cells);
  state.counters["steps"] = static_cast<double>(summary.steps);
  state.counters["cg_iterations"] = static_cast<double>(summary.linear_iterations);
  state.counters["peak_rss_mb"] = summary.peak_rss_mb;
  state.SetComplexityN(cells);
}

}  // namespace

BENCHMARK(BM_TimeStep)
    ->RangeMultiplier(10)
    ->Range(10'000, 10'000'000)
    ->Complexity(benchmark::oN)
    ->UseRealTime();
// 400 % to 70 %: about 5 * 10^4 to 1.7 * 10^6 cells (10^7 would take minutes per run).
BENCHMARK(BM_WholeCase)
    ->Arg(400)
    ->Arg(200)
    ->Arg(100)
    ->Arg(70)
    ->Complexity(benchmark::oN)
    ->Iterations(1)
    ->UseRealTime()
    ->Unit(benchmark::kSecond);

BENCHMARK_MAIN();
