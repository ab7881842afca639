// Preconditioned CG and the column preconditioner against Eigen's direct solver.

#include <gtest/gtest.h>

#include <Eigen/SparseCholesky>

#include "core/Parallel.hpp"
#include "core/Team.hpp"
#include "input/Case.hpp"
#include "linear/ConjugateGradient.hpp"
#include "linear/Multigrid.hpp"
#include "model/ProblemBuilder.hpp"
#include "operator/AssembledOperator.hpp"
#include "operator/DiffusionOperator.hpp"
#include "support/CaseBuilder.hpp"

namespace dermaflux {
namespace {

model::Problem skin_problem(double width_m, bool infinite) {
  auto c = testing::column_case(
      {{"sc", 15e-6, 2e-14, 0.8}, {"ve", 100e-6, 3e-11, 1.0}, {"de", 800e-6, 6e-11, 1.0}}, 30.0,
      infinite ? 0.0 : 100e-6, 3600.0, 1, 4, 1.3);
  c.domain.width_m = width_m;
  c.domain.length_m = 0.7 * width_m;
  c.mesh.max_vertical_spacing_m = 50e-6;
  return model::build_problem(c);
}

// One column: the V-cycle is the exact tridiagonal solve, in double to 1e-12 and
// through a single-precision hierarchy to float rounding.
TEST(MultigridPreconditioner, IsTheExactInverseForOneColumn) {
  const auto problem = skin_problem(10e-6, false);
  op::DiffusionOperator system(problem);
  system.set_shift(1.0 / 5.0);
  const linear::Vector b = linear::Vector::Random(static_cast<Eigen::Index>(problem.cell_count()));
  for (const bool single : {false, true}) {
    linear::MultigridSettings settings;
    settings.single_precision = single;
    linear::MultigridPreconditioner preconditioner(system, settings);
    linear::Vector x, back;
    preconditioner.apply(b, x);
    system.apply(x, back);
    EXPECT_LT((back - b).norm(), (single ? 1e-6 : 1e-12) * b.norm())
        << (single ? "single" : "double");
  }
}

TEST(ConjugateGradient, MatchesEigenCholeskyOnA3dSkinBlock) {
  // Arrange: a 5 x 3 column block with random right-hand side.
  const auto problem = skin_problem(50e-6, true);
  op::DiffusionOperator system(problem);
  const double shift = 1.5 / 60.0;
  system.set_shift(shift);
  linear::MultigridPreconditioner preconditioner(system);
  const linear::Vector b = linear::Vector::Random(static_cast<Eigen::Index>(problem.cell_count()));

  // Act
  linear::Vector x = linear::Vector::Zero(b.size());
  const auto stats = linear::conjugate_gradient(system, preconditioner, b, x, {1e-13, 1000});
  Eigen::SimplicialLDLT<Eigen::SparseMatrix<double>> direct(
      Eigen::SparseMatrix<double>(op::assemble_operator(problem, shift)));
  const linear::Vector reference = direct.solve(b);

  // Assert
  EXPECT_TRUE(stats.converged);
  EXPECT_LT((x - reference).norm(), 1e-10 * reference.norm());
}

// sum(S u) from S's column sums (what keeps each time step conservative) equals
// the sum of S applied to u, with sink, fixed top, clearance and periodic sides.
TEST(DiffusionOperator, SumOfApplyEqualsTheSumOfTheAppliedField) {
  for (const bool infinite : {false, true}) {
    auto c =
        testing::column_case({{"sc", 15e-6, 2e-14, 0.8}, {"de", 300e-6, 6e-11, 1.0, 0.5, 1e-4}},
                             30.0, infinite ? 0.0 : 50e-6, 3600.0, 1, 4, 1.3);
    c.domain.width_m = 60e-6;
    c.domain.length_m = 40e-6;
    const auto problem = model::build_problem(c);
    op::DiffusionOperator system(problem);
    system.set_shift(1.0 / 60.0);
    const auto n = static_cast<Eigen::Index>(problem.cell_count());
    const linear::Vector u = linear::Vector::Random(n);  // both signs
    linear::Vector su(n), s_abs_u(n);
    system.apply(u, su);
    system.apply(u.cwiseAbs(), s_abs_u);
    EXPECT_NEAR(system.sum_of_apply(u), su.sum(), 1e-12 * su.cwiseAbs().sum())
        << (infinite ? "infinite dose" : "finite dose");
    EXPECT_NEAR(system.sum_of_apply(u, true), s_abs_u.sum(), 1e-12 * s_abs_u.cwiseAbs().sum())
        << (infinite ? "infinite dose" : "finite dose");
  }
}

// CG's set-up r = b - S x with ||b||^2 and ||r||^2 in one pass
// (operator/DiffusionResidual.cpp) is bitwise the apply, the difference and
// core::deterministic_sums, with r written or not, on one thread and two, over
// chunks that cut rows, and on a single column.
TEST(DiffusionOperator, FusedResidualIsBitwiseTheApplyAndItsSums) {
  for (const double width_m : {10e-6, 900e-6}) {
    const auto problem = skin_problem(width_m, true);
    op::DiffusionOperator system(problem);
    system.set_shift(1.0 / 60.0);
    const auto n = static_cast<Eigen::Index>(problem.cell_count());
    const auto count = static_cast<std::size_t>(n);
    if (width_m > 100e-6) {
      ASSERT_GT(count, 2 * core::kReductionChunk);
    }
    const linear::Vector x = linear::Vector::Random(n), b = linear::Vector::Random(n);
    linear::Vector applied(n);
    system.apply(x, applied);
    const linear::Vector expected = b - applied;
    const auto expected_sums = core::deterministic_sums<2>(count, [&](std::size_t i) {
      return std::array<double, 2>{b[i] * b[i], expected[i] * expected[i]};
    });
    for (const int threads : {1, 2}) {
      for (const bool store : {true, false}) {
        core::ThreadCount scope(threads);
        std::vector<double> scratch(core::TeamSums::scratch_size(count, 2), 0.0);
        linear::Vector r = linear::Vector::Zero(n);
        std::array<double, 2> sums{};
#pragma omp parallel
        {
          core::TeamSums team(scratch);
          const auto mine = system.residual_in_team(team, b, x, r, store);
#pragma omp master
          sums = mine;
        }
        EXPECT_EQ(sums[0], expected_sums[0]) << count << " cells, " << threads << " threads";
        EXPECT_EQ(sums[1], expected_sums[1]) << count << " cells, " << threads << " threads";
        if (store) {
          EXPECT_TRUE((r.array() == expected.array()).all()) << count << " cells";
        }
      }
    }
  }
}

}  // namespace
}  // namespace dermaflux
