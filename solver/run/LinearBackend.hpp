#pragma once
// `solver.backend` -> the StepSolver the integrator uses instead of our CG with
// the multigrid preconditioner; nullptr for `dermaflux`, which needs none.

#include <memory>

#include "input/Case.hpp"
#include "linear/StepSolver.hpp"
#include "operator/DiffusionOperator.hpp"

namespace dermaflux::run {

std::unique_ptr<linear::StepSolver> make_linear_backend(const input::SolverSettings& settings,
                                                        const op::DiffusionOperator& system);

}  // namespace dermaflux::run
