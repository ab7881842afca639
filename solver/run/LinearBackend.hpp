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

// Whether a case split over ranks solves with our CG (linear/BlockCgSolver) rather
// than hypre's PFMG-CG: the default, since our multigrid's levels split over the
// ranks' blocks take the one-process iterations (benchmarks/RESULTS.md); hypre for
// solver.backend: hypre or DERMAFLUX_SPLIT_SOLVER=hypre in the environment (the
// cross-check), in builds that have it.
bool split_runs_use_ours(const input::SolverSettings& settings);

std::unique_ptr<linear::StepSolver> make_linear_backend(const input::SolverSettings& settings,
                                                        const op::DiffusionOperator& system);

}  // namespace dermaflux::run
