// The matrix-free stencil against the face-by-face assembled Eigen matrix, on
// random layered, non-uniform grids with every boundary combination.

#include <gtest/gtest.h>

#include <random>

#include "core/Tolerances.hpp"
#include "model/Problem.hpp"
#include "operator/AssembledOperator.hpp"
#include "operator/DiffusionOperator.hpp"
#include "support/RandomProblem.hpp"

namespace dermaflux {
namespace {

using test::random_problem;

double relative_max_difference(const linear::Vector& a, const linear::Vector& b) {
  return (a - b).lpNorm<Eigen::Infinity>() / b.lpNorm<Eigen::Infinity>();
}

struct Shape {
  int nx, ny, nz;
};

class OperatorMatchesAssembled : public ::testing::TestWithParam<Shape> {};

TEST_P(OperatorMatchesAssembled, OnRandomLayeredGrids) {
  const Shape shape = GetParam();
  std::mt19937 rng(1234u + static_cast<unsigned>(shape.nx * 100 + shape.ny * 10 + shape.nz));
  for (auto sides : {model::SideBoundary::Periodic, model::SideBoundary::NoFlux}) {
    for (auto top : {model::TopBoundary::NoFlux, model::TopBoundary::FixedPotential}) {
      for (auto bottom : {model::BottomBoundary::Sink, model::BottomBoundary::NoFlux}) {
        const auto problem = random_problem(rng, shape.nx, shape.ny, shape.nz, sides, top, bottom);
        op::DiffusionOperator matrix_free(problem);
        const double shift = 1.0 / 37.0;
        matrix_free.set_shift(shift);
        const op::SparseMatrix assembled = op::assemble_operator(problem, shift);

        const linear::Vector x =
            linear::Vector::Random(static_cast<Eigen::Index>(problem.cell_count()));
        linear::Vector y_free;
        matrix_free.apply(x, y_free);
        const linear::Vector y_assembled = assembled * x;
        EXPECT_LT(relative_max_difference(y_free, y_assembled), core::kOperatorMatchTolerance)
            << "sides " << int(sides) << " top " << int(top) << " bottom " << int(bottom);

        // Symmetric, as the physics demands (DESIGN.md: the operator is SPD).
        const op::SparseMatrix transpose = assembled.transpose();
        EXPECT_LT((assembled - transpose).norm(), 1e-14 * assembled.norm());
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Shapes, OperatorMatchesAssembled,
                         ::testing::Values(Shape{1, 1, 9}, Shape{2, 1, 5}, Shape{1, 2, 4},
                                           Shape{2, 2, 2}, Shape{5, 4, 7}, Shape{13, 3, 11}),
                         [](const ::testing::TestParamInfo<Shape>& shape) {
                           return std::to_string(shape.param.nx) + "x" +
                                  std::to_string(shape.param.ny) + "x" +
                                  std::to_string(shape.param.nz);
                         });

TEST(DiffusionOperator, ConstantFieldHasNoInteriorFlux) {
  // Arrange: closed on every side, no clearance, zero shift: A 1 = 0 exactly.
  std::mt19937 rng(7);
  auto problem = random_problem(rng, 6, 5, 8, model::SideBoundary::Periodic,
                                model::TopBoundary::NoFlux, model::BottomBoundary::NoFlux);
  for (auto& m : problem.materials) m.clearance_1_s = 0.0;
  op::DiffusionOperator system(problem);
  // Act
  linear::Vector y;
  system.apply(linear::Vector::Ones(static_cast<Eigen::Index>(problem.cell_count())), y);
  // Assert: rounding-level only, relative to the diagonal.
  const mesh::Grid& g = problem.mesh.grid;
  double scale = 0.0;
  for (int k = 0; k < g.nz(); ++k)
    for (int j = 0; j < g.ny(); ++j)
      for (int i = 0; i < g.nx(); ++i) scale = std::max(scale, system.static_diagonal(i, j, k));
  EXPECT_LT(y.lpNorm<Eigen::Infinity>(), 1e-13 * scale);
}

}  // namespace
}  // namespace dermaflux
