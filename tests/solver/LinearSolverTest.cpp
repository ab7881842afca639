// Preconditioned CG and the column preconditioner against Eigen's direct solver.

#include <gtest/gtest.h>

#include <Eigen/SparseCholesky>

#include "core/Parallel.hpp"
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

// The solve that takes b's room for its work gives the same bits and iterations,
// from a guess and from one it drops, and b's sum as deterministic_sum gives it.
TEST(ConjugateGradient, ConsumingTheRightHandSideGivesTheSameBits) {
  const auto problem = skin_problem(50e-6, true);
  op::DiffusionOperator system(problem);
  system.set_shift(1.5 / 60.0);
  linear::MultigridPreconditioner preconditioner(system);
  const auto n = static_cast<Eigen::Index>(problem.cell_count());
  const linear::Vector b = linear::Vector::Random(n);
  for (const double guess_scale : {0.0, 1e-3, 1e6}) {  // a far guess is dropped
    const linear::Vector guess = guess_scale * linear::Vector::Ones(n);
    linear::Vector x = guess, x_consuming = guess, b_room = b;
    linear::CgWorkspace workspace;
    const auto stats = linear::conjugate_gradient(system, preconditioner, b, x, {1e-10, 1000});
    const auto consuming = linear::conjugate_gradient_consuming(
        system, preconditioner, b_room, x_consuming, {1e-10, 1000}, &workspace);
    EXPECT_TRUE(consuming.rhs_consumed);
    EXPECT_FALSE(stats.rhs_consumed);
    EXPECT_EQ(consuming.iterations, stats.iterations) << guess_scale;
    EXPECT_EQ(consuming.final_residual, stats.final_residual) << guess_scale;
    EXPECT_EQ(consuming.rhs_sum,
              core::deterministic_sum(static_cast<std::size_t>(n), [&](std::size_t c) {
                return b[static_cast<Eigen::Index>(c)];
              }));
    EXPECT_EQ(workspace.r.size(), 0);  // two work vectors, not three
    for (Eigen::Index c = 0; c < n; ++c) ASSERT_EQ(x_consuming[c], x[c]) << guess_scale;
  }
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

}  // namespace
}  // namespace dermaflux
