// Preconditioned CG and the column preconditioner against Eigen's direct solver.

#include <gtest/gtest.h>

#include <Eigen/SparseCholesky>

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

TEST(MultigridPreconditioner, IsTheExactInverseForOneColumn) {
  const auto problem = skin_problem(10e-6, false);
  op::DiffusionOperator system(problem);
  system.set_shift(1.0 / 5.0);
  linear::MultigridPreconditioner preconditioner(system);
  const linear::Vector b = linear::Vector::Random(static_cast<Eigen::Index>(problem.cell_count()));
  linear::Vector x, back;
  preconditioner.apply(b, x);
  system.apply(x, back);
  EXPECT_LT((back - b).norm(), 1e-12 * b.norm());
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

// The sum of the residual is the amount a step creates or loses: with the sum
// check CG goes on until it is below sum_tolerance * sum |b|, which a loose norm
// criterion alone does not give.
TEST(ConjugateGradient, SumCheckBoundsTheAmountTheSolveCreates) {
  // Arrange: a block of skin, a positive right-hand side (amounts), a loose norm.
  const auto problem = skin_problem(200e-6, true);
  op::DiffusionOperator system(problem);
  system.set_shift(1.0 / 3600.0);
  linear::MultigridPreconditioner preconditioner(system);
  const auto n = static_cast<Eigen::Index>(problem.cell_count());
  const linear::Vector b = linear::Vector::Random(n).cwiseAbs();
  auto residual_sum = [&](const linear::Vector& x) {
    linear::Vector ax(n);
    system.apply(x, ax);
    return std::abs((b - ax).sum());
  };
  linear::CgSettings loose{1e-3, 1000};
  loose.sum_tolerance = 0.0;
  linear::CgSettings checked = loose;
  checked.sum_tolerance = 1e-12;

  // Act
  linear::Vector x_loose = linear::Vector::Zero(n), x_checked = linear::Vector::Zero(n);
  const auto loose_stats = linear::conjugate_gradient(system, preconditioner, b, x_loose, loose);
  const auto checked_stats =
      linear::conjugate_gradient(system, preconditioner, b, x_checked, checked);

  // Assert: the norm alone leaves a far larger sum; the check brings it down.
  const double target = 1e-12 * b.cwiseAbs().sum();
  EXPECT_TRUE(loose_stats.converged);
  EXPECT_TRUE(checked_stats.converged);
  EXPECT_GT(residual_sum(x_loose), 100.0 * target);
  EXPECT_LT(residual_sum(x_checked), 10.0 * target);  // recursive vs true residual: rounding
  EXPECT_GT(checked_stats.iterations, loose_stats.iterations);
}

}  // namespace
}  // namespace dermaflux
