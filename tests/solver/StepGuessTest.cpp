// A step after two whose solve kept the extrapolated guess takes complete_attempt's
// first sums on the guess (timestep/StepGuess.cpp): the same bits as taking them
// after the solve, as every step did before.

#include <gtest/gtest.h>

#include <vector>

#include "linear/CgStepSolver.hpp"
#include "linear/Multigrid.hpp"
#include "model/Problem.hpp"
#include "operator/DiffusionOperator.hpp"
#include "support/UniformNodes.hpp"
#include "timestep/Bdf2Integrator.hpp"

namespace dermaflux {
namespace {

using testing::uniform_nodes;

// A box of one material, serum on top and a sink below, as bench_step_overhead's;
// 20 480 cells: several reduction chunks, and two threads where there are two.
model::Problem steady_box() {
  model::Problem p;
  p.mesh.grid = mesh::Grid(uniform_nodes(32, 320e-6), uniform_nodes(32, 320e-6),
                           uniform_nodes(20, 100e-6, -100e-6));
  p.mesh.plane_material.assign(20, 1);
  p.mesh.layer_count = 1;
  p.materials = {{6e-10, 1.0, 0.0, 0.0}, {6e-10, 1.0, 0.0, 0.0}};
  p.top = model::TopBoundary::FixedPotential;
  p.top_potential_kg_m3 = 30.0;
  p.bottom = model::BottomBoundary::Sink;
  return p;
}

// The step solver, counting the solves that kept their guess two solves after two
// that did; with `hide_kept` it says that none did, so the integrator never takes
// the sums on the guess.
class KeptGuesses final : public linear::StepSolver {
 public:
  KeptGuesses(linear::StepSolver& inner, bool hide_kept) : inner_(inner), hide_kept_(hide_kept) {}
  void update() override { inner_.update(); }
  linear::SolveStats solve(const linear::Vector& b, linear::Vector& x) override {
    linear::SolveStats stats = inner_.solve(b, x);
    if (kept_in_a_row_ >= 2 && stats.guess_kept) ++taken_on_guess;
    kept_in_a_row_ = stats.guess_kept ? kept_in_a_row_ + 1 : 0;
    if (hide_kept_) stats.guess_kept = false;
    return stats;
  }
  int taken_on_guess = 0;

 private:
  linear::StepSolver& inner_;
  bool hide_kept_;
  int kept_in_a_row_ = 0;
};

struct SteadyRun {
  linear::Vector u;
  timestep::Cumulative cumulative;
  int taken_on_guess;
};

SteadyRun fixed_steps(bool hide_kept) {
  const model::Problem problem = steady_box();
  op::DiffusionOperator system(problem);
  linear::MultigridPreconditioner multigrid(system);
  linear::CgSettings cg;
  // Loose: the quadratic predictor carries the last solves' errors (about 3 x the
  // tolerance) into the guess, so at any tolerance a steady box keeps about one
  // guess in three; this one keeps two in a row now and then.
  cg.relative_tolerance = 1e-2;
  linear::CgStepSolver cg_solver(system, multigrid, cg);
  KeptGuesses solver(cg_solver, hide_kept);
  timestep::StepSettings settings;
  settings.fixed_step_s = 864.0;
  settings.reference_potential = 30.0;
  const auto n = static_cast<Eigen::Index>(problem.cell_count());
  timestep::Bdf2Integrator integrator(system, solver, linear::Vector::Zero(n), settings);
  integrator.advance_to(40 * 864.0);
  return {integrator.solution(), integrator.cumulative(), solver.taken_on_guess};
}

TEST(StepGuess, SumsTakenOnAKeptGuessGiveTheSameBits) {
  const SteadyRun speculated = fixed_steps(false), after_solve = fixed_steps(true);
  EXPECT_GT(speculated.taken_on_guess, 0);
  EXPECT_TRUE((speculated.u.array() == after_solve.u.array()).all());
  EXPECT_EQ(speculated.cumulative.receptor_kg, after_solve.cumulative.receptor_kg);
  EXPECT_EQ(speculated.cumulative.entered_kg, after_solve.cumulative.entered_kg);
  EXPECT_EQ(speculated.cumulative.cleared_kg, after_solve.cumulative.cleared_kg);
}

}  // namespace
}  // namespace dermaflux
