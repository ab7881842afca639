#include "PeerSolvers.hpp"

#include <Eigen/IterativeLinearSolvers>
#include <chrono>

#include "core/Parallel.hpp"
#include "linear/ConjugateGradient.hpp"
#include "linear/Multigrid.hpp"
#include "operator/AssembledOperator.hpp"
#include "operator/DiffusionOperator.hpp"
#ifdef DERMAFLUX_HAVE_HYPRE
#include "linear/HypreStructSolver.hpp"
#endif

namespace dermaflux::bench {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

linear::Vector initial_field(const model::Problem& p) {
  return Eigen::Map<const linear::Vector>(p.initial_potential_kg_m3.data(),
                                          static_cast<Eigen::Index>(p.cell_count()));
}

// Right-hand side of a backward-Euler step from u^n (the operator holds the
// boundary data; it is built for every solver, Eigen's included). Shared among the
// threads as dermaflux's own steps share theirs (timestep/StepGuess.cpp): an Eigen
// expression ran on one thread, 11 % of the row-1 box's run on one thread and
// more on two. The same values: (C u) / dt, cell by cell.
void step_rhs(const op::DiffusionOperator& system, const linear::Vector& u, double dt,
              linear::Vector& b) {
  const std::size_t n = system.size();
  b.resize(u.size());
  const double* cap = system.capacity().data();
  const double* pu = u.data();
  double* pb = b.data();
#pragma omp parallel for schedule(static) if (n >= core::kParallelThreshold)
  for (std::size_t c = 0; c < n; ++c) pb[c] = cap[c] * pu[c] / dt;
  system.add_boundary_source(b);
}

}  // namespace

PeerRun run_dermaflux(const model::Problem& problem, const StepPlan& plan, int threads) {
  core::ThreadCount scope(threads);
  PeerRun run{"dermaflux MG-CG", threads};
  auto start = Clock::now();
  op::DiffusionOperator system(problem);
  system.set_shift(1.0 / plan.dt_s);
  linear::MultigridPreconditioner multigrid(system);
  linear::CgWorkspace workspace;
  linear::CgSettings cg{plan.tolerance, plan.max_iterations};
  run.setup_s = seconds_since(start);

  run.u = initial_field(problem);
  linear::Vector b;
  start = Clock::now();
  for (int n = 0; n < plan.steps; ++n) {
    system.set_shift(1.0 / plan.dt_s);
    multigrid.update();
    step_rhs(system, run.u, plan.dt_s, b);
    const auto stats = linear::conjugate_gradient(system, multigrid, b, run.u, cg, &workspace);
    run.iterations += stats.iterations;
    run.converged = run.converged && stats.converged;
  }
  run.steps_s = seconds_since(start);
  return run;
}

PeerRun run_eigen_cg(const model::Problem& problem, const StepPlan& plan, int threads,
                     bool incomplete_cholesky) {
  core::ThreadCount scope(threads);
  PeerRun run{incomplete_cholesky ? "Eigen CG + IncompleteCholesky" : "Eigen CG + diagonal",
              threads};
  auto start = Clock::now();
  const op::DiffusionOperator system(problem);  // boundary data for the right-hand side
  // Lower|Upper: Eigen's multithreaded product for a row-major matrix.
  const op::SparseMatrix matrix = op::assemble_operator(problem, 1.0 / plan.dt_s);
  run.setup_s = seconds_since(start);

  auto steps = [&](auto& cg) {
    cg.setTolerance(plan.tolerance);
    cg.setMaxIterations(plan.max_iterations);
    linear::Vector b;
    for (int n = 0; n < plan.steps; ++n) {
      cg.compute(matrix);
      step_rhs(system, run.u, plan.dt_s, b);
      const linear::Vector guess = run.u;
      run.u = cg.solveWithGuess(b, guess);
      run.iterations += cg.iterations();
      run.converged = run.converged && cg.info() == Eigen::Success;
    }
  };
  run.u = initial_field(problem);
  start = Clock::now();
  if (incomplete_cholesky) {
    Eigen::ConjugateGradient<op::SparseMatrix, Eigen::Lower | Eigen::Upper,
                             Eigen::IncompleteCholesky<double>>
        cg;
    steps(cg);
  } else {
    Eigen::ConjugateGradient<op::SparseMatrix, Eigen::Lower | Eigen::Upper> cg;
    steps(cg);
  }
  run.steps_s = seconds_since(start);
  return run;
}

#ifdef DERMAFLUX_HAVE_HYPRE
// hypre is built without OpenMP in Debian: one thread, whatever OpenMP is set to.
PeerRun run_hypre(const model::Problem& problem, const StepPlan& plan,
                  const linear::PfmgSettings& pfmg) {
  core::ThreadCount scope(1);  // our operator's right-hand side and residual checks too
  PeerRun run{pfmg.relax_type == 1 ? "hypre PFMG-CG (Galerkin, weighted Jacobi)"
                                   : "hypre PFMG-CG (non-Galerkin, red-black GS)",
              1};
  auto start = Clock::now();
  op::DiffusionOperator system(problem);
  system.set_shift(1.0 / plan.dt_s);
  linear::CgSettings cg{plan.tolerance, plan.max_iterations};
  linear::HypreStructSolver hypre(system, cg, pfmg);
  run.setup_s = seconds_since(start);

  run.u = initial_field(problem);
  linear::Vector b;
  start = Clock::now();
  for (int n = 0; n < plan.steps; ++n) {
    system.set_shift(1.0 / plan.dt_s);
    hypre.update();
    step_rhs(system, run.u, plan.dt_s, b);
    const auto stats = hypre.solve(b, run.u);
    run.iterations += stats.iterations;
    run.converged = run.converged && stats.converged;
  }
  run.steps_s = seconds_since(start);
  return run;
}
#endif

}  // namespace dermaflux::bench
