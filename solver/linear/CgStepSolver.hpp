#pragma once
// The default StepSolver: our conjugate gradients with a preconditioner (the
// multigrid), its work vectors kept between steps so that a step allocates none.

#include "linear/ConjugateGradient.hpp"
#include "linear/StepSolver.hpp"

namespace dermaflux::linear {

class CgStepSolver final : public StepSolver {
 public:
  // Neither is owned; both must outlive the solver.
  CgStepSolver(const LinearOperator& system, Preconditioner& preconditioner, CgSettings settings)
      : system_(system), preconditioner_(preconditioner), settings_(settings) {}

  void update() override { preconditioner_.update(); }
  SolveStats solve(const Vector& b, Vector& x) override {
    return conjugate_gradient(system_, preconditioner_, b, x, settings_, &workspace_);
  }
  void release_workspace() override { workspace_ = CgWorkspace{}; }

 private:
  const LinearOperator& system_;
  Preconditioner& preconditioner_;
  CgSettings settings_;
  CgWorkspace workspace_;
};

}  // namespace dermaflux::linear
