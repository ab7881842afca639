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
// than hypre's PFMG-CG: in a build without hypre, or when the environment says
// DERMAFLUX_SPLIT_SOLVER=dermaflux (the tests and benchmarks of ours), and never
// for solver.backend: hypre. Not yet the default where hypre is there: each
// rank's multigrid is a block-Jacobi preconditioner, which takes 3-6 times the
// iterations of one process on a split cell (benchmarks/RESULTS.md).
bool split_runs_use_ours(const input::SolverSettings& settings);

std::unique_ptr<linear::StepSolver> make_linear_backend(const input::SolverSettings& settings,
                                                        const op::DiffusionOperator& system);

}  // namespace dermaflux::run
