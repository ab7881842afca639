// The threaded kernels against serial references (the Ginkgo habit): above
// core::kParallelThreshold cells, on three OpenMP threads, the matrix-free apply
// against the assembled matrix, a line-smoother sweep against a plain z-line
// Gauss-Seidel written here, and the multigrid restriction against P^T (b - S x)
// computed cell by cell. CTest runs one thread, so these set their own (core::ThreadCount).

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "core/Parallel.hpp"
#include "core/Tolerances.hpp"
#include "linear/LateralTransfer.hpp"
#include "linear/LineSmoother.hpp"
#include "linear/StencilLevel.hpp"
#include "operator/AssembledOperator.hpp"
#include "operator/DiffusionOperator.hpp"
#include "support/RandomProblem.hpp"

namespace dermaflux {
namespace {

constexpr int kThreads = 3;
constexpr double kShift = 1.0 / 37.0;

// Periodic with odd counts (three colours, the odd axis' last column) or closed
// with even ones (two colours); both above the parallel threshold.
model::Problem large_problem(bool periodic) {
  std::mt19937 rng(periodic ? 11u : 12u);
  const int nx = periodic ? 33 : 32, ny = periodic ? 25 : 24, nz = 24;
  auto p = test::random_problem(
      rng, nx, ny, nz, periodic ? model::SideBoundary::Periodic : model::SideBoundary::NoFlux,
      model::TopBoundary::FixedPotential, model::BottomBoundary::Sink);
  EXPECT_GE(p.cell_count(), core::kParallelThreshold);
  return p;
}

std::vector<double> random_values(std::size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> value(-1.0, 1.0);
  std::vector<double> v(n);
  for (double& x : v) x = value(rng);
  return v;
}

double max_abs(const std::vector<double>& v) {
  double m = 0.0;
  for (double x : v) m = std::max(m, std::abs(x));
  return m;
}

double relative_max_difference(const std::vector<double>& a, const std::vector<double>& b) {
  double d = 0.0;
  for (std::size_t n = 0; n < a.size(); ++n) d = std::max(d, std::abs(a[n] - b[n]));
  return d / max_abs(b);
}

// Where the neighbours of cell (i, j, k) of a level are stored, wrapping at the
// ends (the face there is the wrap face or 0).
struct Neighbours {
  std::size_t own, east, west, north, south;
};
Neighbours neighbours(const linear::StencilLevel<double>& L, int i, int j, int k) {
  return {L.index(i, j, k), L.index((i + 1) % L.nx, j, k), L.index((i + L.nx - 1) % L.nx, j, k),
          L.index(i, (j + 1) % L.ny, k), L.index(i, (j + L.ny - 1) % L.ny, k)};
}

// shift * capacity + sinks + the six faces of cell (i, j, k).
double diagonal(const linear::StencilLevel<double>& L, const Neighbours& at, int i, int j, int k) {
  return kShift * L.capacity[at.own] + L.sinks[at.own] + L.tx[at.own] + L.tx[at.west] +
         L.ty[at.own] + L.ty[at.south] + L.tz[at.own] + (k > 0 ? L.tz[L.index(i, j, k - 1)] : 0.0);
}

// b - S x at one cell.
double residual(const linear::StencilLevel<double>& L, const std::vector<double>& b,
                const std::vector<double>& x, int i, int j, int k) {
  const Neighbours at = neighbours(L, i, j, k);
  double sx = diagonal(L, at, i, j, k) * x[at.own] - L.tx[at.own] * x[at.east] -
              L.tx[at.west] * x[at.west] - L.ty[at.own] * x[at.north] -
              L.ty[at.south] * x[at.south];
  if (k + 1 < L.nz) sx -= L.tz[at.own] * x[L.index(i, j, k + 1)];
  if (k > 0) sx -= L.tz[L.index(i, j, k - 1)] * x[L.index(i, j, k - 1)];
  return b[at.own] - sx;
}

// One forward sweep of z-line Gauss-Seidel, colour by colour, each column's
// tridiagonal system solved by the textbook Thomas algorithm.
void reference_sweep(const linear::StencilLevel<double>& L, const std::vector<double>& b,
                     std::vector<double>& x) {
  const auto nz = static_cast<std::size_t>(L.nz);
  std::vector<double> lower(nz), centre(nz), upper(nz), rhs(nz);
  for (int colour = 0; colour < L.layout.colours(); ++colour) {
    for (int j = 0; j < L.ny; ++j) {
      for (int i = 0; i < L.nx; ++i) {
        if (L.layout.colour(L.layout.class_of(i), j) != colour) continue;
        for (int k = 0; k < L.nz; ++k) {
          const Neighbours at = neighbours(L, i, j, k);
          const auto kk = static_cast<std::size_t>(k);
          centre[kk] = diagonal(L, at, i, j, k);
          upper[kk] = k + 1 < L.nz ? -L.tz[at.own] : 0.0;
          lower[kk] = k > 0 ? -L.tz[L.index(i, j, k - 1)] : 0.0;
          rhs[kk] = b[at.own] + L.tx[at.own] * x[at.east] + L.tx[at.west] * x[at.west] +
                    L.ty[at.own] * x[at.north] + L.ty[at.south] * x[at.south];
        }
        for (std::size_t k = 1; k < nz; ++k) {
          const double factor = lower[k] / centre[k - 1];
          centre[k] -= factor * upper[k - 1];
          rhs[k] -= factor * rhs[k - 1];
        }
        for (std::size_t k = nz; k-- > 0;) {
          const double above = k + 1 < nz ? upper[k] * x[L.index(i, j, int(k) + 1)] : 0.0;
          x[L.index(i, j, int(k))] = (rhs[k] - above) / centre[k];
        }
      }
    }
  }
}

class ParallelKernels : public ::testing::TestWithParam<bool> {};

TEST_P(ParallelKernels, OperatorApplyMatchesTheAssembledMatrix) {
  // Arrange
  const auto problem = large_problem(GetParam());
  op::DiffusionOperator matrix_free(problem);
  matrix_free.set_shift(kShift);
  const op::SparseMatrix assembled = op::assemble_operator(problem, kShift);
  const linear::Vector x = linear::Vector::Random(static_cast<Eigen::Index>(problem.cell_count()));
  // Act
  linear::Vector y;
  {
    const core::ThreadCount threads(kThreads);
    matrix_free.apply(x, y);
  }
  // Assert
  const linear::Vector reference = assembled * x;
  EXPECT_LT((y - reference).lpNorm<Eigen::Infinity>() / reference.lpNorm<Eigen::Infinity>(),
            core::kOperatorMatchTolerance);
}

TEST_P(ParallelKernels, LineSmootherSweepMatchesTheSerialReference) {
  // Arrange
  const auto problem = large_problem(GetParam());
  op::DiffusionOperator system(problem);
  const auto level = linear::fine_level<double>(system.stencil());
  const std::vector<double> b = random_values(level.size(), 1u);
  std::vector<double> x = random_values(level.size(), 2u);
  std::vector<double> expected = x;
  // Act
  {
    const core::ThreadCount threads(kThreads);
    linear::LineSmoother<double> smoother(level);
    smoother.set_shift(kShift);
    smoother.sweep(b.data(), x.data(), true);
  }
  reference_sweep(level, b, expected);
  // Assert
  EXPECT_LT(relative_max_difference(x, expected), core::kKernelReferenceTolerance);
}

TEST_P(ParallelKernels, RestrictionIsPTransposeOfTheResidual) {
  // Arrange: the residual after a forward sweep, as in the V-cycle.
  const auto problem = large_problem(GetParam());
  op::DiffusionOperator system(problem);
  const auto fine = linear::fine_level<double>(system.stencil());
  const auto coarse = linear::coarsen(fine);
  const linear::LateralTransfer<double> transfer(fine, coarse);
  const std::vector<double> b = random_values(fine.size(), 3u);
  std::vector<double> x = random_values(fine.size(), 4u);
  std::vector<double> coarse_b(coarse.size(), 0.0);
  // Act
  {
    const core::ThreadCount threads(kThreads);
    linear::LineSmoother<double> smoother(fine);
    smoother.set_shift(kShift);
    smoother.sweep(b.data(), x.data(), true);
    smoother.restrict_residual(b.data(), x.data(), transfer, coarse_b.data());
  }
  // Assert: every fine cell's residual summed into its coarse cell.
  std::vector<double> expected(coarse.size(), 0.0);
  for (int k = 0; k < fine.nz; ++k)
    for (int j = 0; j < fine.ny; ++j)
      for (int i = 0; i < fine.nx; ++i)
        expected[coarse.index(coarse.from_x.parent[static_cast<std::size_t>(i)],
                              coarse.from_y.parent[static_cast<std::size_t>(j)], k)] +=
            residual(fine, b, x, i, j, k);
  EXPECT_LT(relative_max_difference(coarse_b, expected), core::kKernelReferenceTolerance);
}

INSTANTIATE_TEST_SUITE_P(Sides, ParallelKernels, ::testing::Values(true, false),
                         [](const ::testing::TestParamInfo<bool>& periodic) {
                           return periodic.param ? "Periodic" : "Closed";
                         });

}  // namespace
}  // namespace dermaflux
