#pragma once
// N implicit steps of one problem with each peer linear solver, all from the same
// start and with the same steps and relative tolerance:
//
//     (C / dt + A) u^{n+1} = C u^n / dt + boundary source     (backward Euler)
//
// Every step sets its solver up again (as the time integrator does when the step
// size changes) and solves from the previous solution as the initial guess.

#include <string>

#include "linear/LinearOperator.hpp"
#include "model/Problem.hpp"
#ifdef DERMAFLUX_HAVE_HYPRE
#include "linear/HypreStructSolver.hpp"
#endif

namespace dermaflux::bench {

struct StepPlan {
  int steps = 10;
  double dt_s = 100.0;
  double tolerance = 1e-8;  // ||b - S u|| <= tolerance ||b|| for every solver
  int max_iterations = 100000;
};

struct PeerRun {
  std::string solver;
  int threads = 1;
  double setup_s = 0.0;  // once: operator, hierarchy or matrix built
  double steps_s = 0.0;  // the steps: per-step set-up and solve
  long iterations = 0;   // summed over the steps
  bool converged = true;
  linear::Vector u{};  // after the last step
};

PeerRun run_dermaflux(const model::Problem& problem, const StepPlan& plan, int threads);
PeerRun run_eigen_cg(const model::Problem& problem, const StepPlan& plan, int threads,
                     bool incomplete_cholesky);
#ifdef DERMAFLUX_HAVE_HYPRE
// pfmg: the backend's settings, or hypre's textbook PFMG-CG ones (Galerkin
// coarse operators, weighted Jacobi), which do better on layered skin without
// channels.
PeerRun run_hypre(const model::Problem& problem, const StepPlan& plan,
                  const linear::PfmgSettings& pfmg);
#endif

}  // namespace dermaflux::bench
