#pragma once
// A whole linear solve of one implicit step, S x = b with S = shift * C + A, as a
// replaceable part of the time integrator: another backend (hypre) plugs in
// here, while the default path stays our CG with the multigrid preconditioner.

#include "linear/ConjugateGradient.hpp"
#include "linear/LinearOperator.hpp"

namespace dermaflux::linear {

class StepSolver {
 public:
  virtual ~StepSolver() = default;
  // The system's shift or stencil changed (a new step size, channel closure):
  // take the system as it is now.
  virtual void update() = 0;
  // Solves from the initial guess in x. Never throws on non-convergence: the
  // caller decides (stats.converged).
  virtual SolveStats solve(const Vector& b, Vector& x) = 0;
  // Frees the work memory kept between solves (the next solve makes it again).
  // The run calls it before a snapshot, whose buffers then take its place at the
  // run's peak memory (RESULTS.md, "Memory"); a checkpoint streams from the fields
  // and needs no room.
  virtual void release_workspace() {}
};

}  // namespace dermaflux::linear
