#pragma once
// `solver.backend` -> the StepSolver the integrator hands its steps to instead of
// our CG with the multigrid (run/BlockSystem builds those); nullptr for `dermaflux`.

#include <memory>

#include "input/Case.hpp"
#include "linear/StepSolver.hpp"
#include "operator/DiffusionOperator.hpp"

namespace dermaflux::run {

// `solver.linear_tolerance` and `solver.max_iterations`, for whichever solver.
linear::CgSettings cg_settings(const input::SolverSettings& settings);

std::unique_ptr<linear::StepSolver> make_linear_backend(const input::SolverSettings& settings,
                                                        const op::DiffusionOperator& system);

}  // namespace dermaflux::run
