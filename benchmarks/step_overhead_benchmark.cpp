// What a time step costs beyond its linear solve (issue 18 §1), in units of one CG
// iteration measured in the same process on the same system, so that the ratio
// holds on a loaded machine where absolute times do not:
//
//   nice -n 5 build/release/benchmarks/bench_step_overhead --cells 600000 --threads 2
//
// The case is a uniform box (one material, serum on top, sink below) stepped with
// long fixed steps (864 s), so that after a few steps the field is steady and a
// step needs about one CG iteration: what is left is the per-step overhead. Each
// repeat times `--steps` steps one by one, then CG runs of 2 and 12 iterations on
// the same system; one iteration is the difference / 10 (set-up cancels). The
// time outside the step solver's solve() is the overhead. Prints JSON: medians and
// ranges over the repeats. `--threads auto` chooses as `dermaflux run` does when
// given no count (core::threads_for_load: by size, at most the cores other
// processes leave free), again before each repeat as a run does at output times.

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "LayeredProblem.hpp"
#include "core/Parallel.hpp"
#include "linear/CgStepSolver.hpp"
#include "linear/Multigrid.hpp"
#include "operator/DiffusionOperator.hpp"
#include "parallel/MachineLoad.hpp"
#include "timestep/Bdf2Integrator.hpp"

namespace {

using namespace dermaflux;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t m = v.size() / 2;
  return v.size() % 2 ? v[m] : 0.5 * (v[m - 1] + v[m]);
}

nlohmann::json summary(const std::vector<double>& v) {
  return {{"median", median(v)},
          {"min", *std::min_element(v.begin(), v.end())},
          {"max", *std::max_element(v.begin(), v.end())}};
}

// Seconds for `iterations` CG iterations from x0 (a zero tolerance: none stops early).
double time_cg(const linear::LinearOperator& system, const linear::LinearOperator& multigrid,
               const linear::Vector& b, const linear::Vector& x0, int iterations,
               linear::CgWorkspace& workspace) {
  linear::Vector x = x0;
  const auto start = Clock::now();
  conjugate_gradient(system, multigrid, b, x, {0.0, iterations}, &workspace);
  return seconds_since(start);
}

// The step solver with a stopwatch: what a step spends outside it is the overhead.
class TimedSolver final : public linear::StepSolver {
 public:
  explicit TimedSolver(linear::StepSolver& inner) : inner_(inner) {}
  void update() override { inner_.update(); }
  linear::SolveStats solve(const linear::Vector& b, linear::Vector& x) override {
    const auto start = Clock::now();
    const linear::SolveStats stats = inner_.solve(b, x);
    solve_s += seconds_since(start);
    return stats;
  }
  double solve_s = 0.0;

 private:
  linear::StepSolver& inner_;
};

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"per-step overhead against one CG iteration"};
  long cells = 600000;
  std::string threads = "2";
  int steps = 20, repeats = 5;
  double step_s = 864.0;
  app.add_option("--cells", cells, "about this many cells");
  app.add_option("--threads", threads, "a count, or auto (as a run without --threads)")
      ->check(CLI::IsMember({"auto"}) | CLI::PositiveNumber);
  app.add_option("--steps", steps, "steps timed per repeat");
  app.add_option("--repeats", repeats);
  app.add_option("--step", step_s, "fixed step, s");
  CLI11_PARSE(app, argc, argv);
  const bool auto_threads = threads == "auto";
  const int available_threads = core::thread_count();
  if (!auto_threads) core::set_thread_count(std::stoi(threads));

  auto problem = bench::layered_problem(cells);
  std::vector<double> threads_chosen;
  const auto choose_threads = [&] {
    if (auto_threads)
      core::set_thread_count(
          parallel::threads_for_machine(problem.cell_count(), available_threads));
    threads_chosen.push_back(core::thread_count());
  };
  choose_threads();
  problem.materials = {{6e-10, 1.0, 0.0, 0.0}, {6e-10, 1.0, 0.0, 0.0}, {6e-10, 1.0, 0.0, 0.0}};
  problem.top = model::TopBoundary::FixedPotential;
  problem.top_potential_kg_m3 = 30.0;
  problem.bottom = model::BottomBoundary::Sink;
  op::DiffusionOperator system(problem);
  linear::MultigridPreconditioner multigrid(system);
  linear::CgSettings cg;
  cg.relative_tolerance = 1e-8;
  linear::CgStepSolver cg_solver(system, multigrid, cg);
  TimedSolver solver(cg_solver);
  timestep::StepSettings settings;
  settings.fixed_step_s = step_s;
  settings.reference_potential = problem.top_potential_kg_m3;
  const auto n = static_cast<Eigen::Index>(problem.cell_count());
  timestep::Bdf2Integrator integrator(system, solver, linear::Vector::Zero(n), settings);
  integrator.advance_to(10 * step_s);  // steady by now: about one iteration a step

  linear::Vector b = linear::Vector::Zero(n);
  system.add_boundary_source(b);
  const linear::Vector zero = linear::Vector::Zero(n);
  linear::CgWorkspace workspace;
  std::vector<double> step_ms, iteration_ms, ratio, overhead, cg_per_step;
  for (int r = 0; r < repeats; ++r) {
    if (r > 0) choose_threads();
    const long iterations_before = integrator.stats().linear_iterations;
    std::vector<double> one_step, outside_solve;
    for (int s = 0; s < steps; ++s) {
      const double solve_before = solver.solve_s;
      const auto start = Clock::now();
      integrator.advance_to(integrator.time() + step_s);
      one_step.push_back(seconds_since(start));
      outside_solve.push_back(one_step.back() - (solver.solve_s - solve_before));
    }
    cg_per_step.push_back(
        static_cast<double>(integrator.stats().linear_iterations - iterations_before) / steps);
    std::vector<double> per_iteration;
    for (int k = 0; k < 3; ++k)
      per_iteration.push_back((time_cg(system, multigrid, b, zero, 12, workspace) -
                               time_cg(system, multigrid, b, zero, 2, workspace)) /
                              10.0);
    step_ms.push_back(1e3 * median(one_step));
    iteration_ms.push_back(1e3 * median(per_iteration));
    ratio.push_back(step_ms.back() / iteration_ms.back());
    overhead.push_back(1e3 * median(outside_solve) / iteration_ms.back());
  }
  nlohmann::json out = {{"cells", n},
                        {"threads", threads},
                        {"threads_chosen", summary(threads_chosen)},
                        {"step_s", step_s},
                        {"cg_iterations_per_step", summary(cg_per_step)},
                        {"step_ms", summary(step_ms)},
                        {"cg_iteration_ms", summary(iteration_ms)},
                        {"step_in_cg_iterations", summary(ratio)},
                        {"outside_solve_in_cg_iterations", summary(overhead)}};
  std::printf("%s\n", out.dump(2).c_str());
  return 0;
}
