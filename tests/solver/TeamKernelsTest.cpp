// The kernels that share one parallel region (core/Team.hpp) against the same
// kernels on one thread: a whole CG solve opens a single region, and its sums,
// operator applies and multigrid cycles must give the same bits for any thread
// count. The problem is large enough that two multigrid levels are shared.

#include <gtest/gtest.h>

#include <array>
#include <random>
#include <vector>

#include "core/Parallel.hpp"
#include "core/Team.hpp"
#include "linear/ConjugateGradient.hpp"
#include "linear/Multigrid.hpp"
#include "operator/DiffusionOperator.hpp"
#include "support/RandomProblem.hpp"

namespace dermaflux {
namespace {

constexpr int kThreads = 3;

model::Problem two_shared_levels() {
  std::mt19937 rng(21u);
  auto p = test::random_problem(rng, 64, 48, 24, model::SideBoundary::Periodic,
                                model::TopBoundary::FixedPotential, model::BottomBoundary::Sink);
  EXPECT_GE(p.cell_count() / 4, core::kParallelThreshold);  // the first coarse level too
  return p;
}

std::vector<double> bits_of(const linear::Vector& v) {
  return {v.data(), v.data() + v.size()};
}

TEST(TeamSums, GiveBitwiseTheDeterministicSumsOnEveryThread) {
  for (const std::size_t count : {std::size_t{1000}, std::size_t{50000}}) {
    std::vector<double> values(count);
    std::mt19937 rng(5u);
    std::uniform_real_distribution<double> value(-1.0, 1.0);
    for (double& v : values) v = value(rng);
    const double* pv = values.data();
    auto terms = [=](std::size_t n) { return std::array<double, 2>{pv[n], pv[n] * pv[n]}; };
    const auto expected = core::deterministic_sums<2>(count, terms);
    std::vector<double> scratch(core::TeamSums::scratch_size(count, 2));
    std::vector<std::array<double, 2>> seen(kThreads * 3);
    const core::ThreadCount threads(kThreads);
#pragma omp parallel
    {
      core::TeamSums sums(scratch);
      for (int repeat = 0; repeat < 3; ++repeat)  // both halves of the scratch, twice
        seen[static_cast<std::size_t>(3 * omp_get_thread_num() + repeat)] =
            sums.sums<2>(count, terms);
    }
    for (const auto& s : seen) EXPECT_EQ(s, expected) << count << " terms";
  }
}

// The system, its multigrid and a random vector, shared by the tests below.
class TeamKernels : public ::testing::Test {
 protected:
  TeamKernels() : problem_(two_shared_levels()), system_(problem_), multigrid_(system_) {
    system_.set_shift(1.0 / 60.0);
    multigrid_.update();
    vector_ = linear::Vector::Random(static_cast<Eigen::Index>(problem_.cell_count()));
  }
  model::Problem problem_;
  op::DiffusionOperator system_;
  linear::MultigridPreconditioner multigrid_;
  linear::Vector vector_;
};

TEST_F(TeamKernels, MultigridApplyGivesTheSameBitsOnOneAndOnSeveralThreads) {
  linear::Vector one, several;
  {
    const core::ThreadCount threads(1);
    multigrid_.apply(vector_, one);
  }
  {
    const core::ThreadCount threads(kThreads);
    multigrid_.apply(vector_, several);
  }
  EXPECT_EQ(bits_of(several), bits_of(one));
}

TEST_F(TeamKernels, ConjugateGradientGivesTheSameBitsOnOneAndOnSeveralThreads) {
  auto solve = [&](int thread_count, linear::Vector& x) {
    const core::ThreadCount threads(thread_count);
    x = linear::Vector::Zero(vector_.size());
    return linear::conjugate_gradient(system_, multigrid_, vector_, x, {1e-10, 200});
  };
  linear::Vector one, several;
  const auto one_stats = solve(1, one);
  const auto several_stats = solve(kThreads, several);
  EXPECT_TRUE(one_stats.converged);
  EXPECT_EQ(several_stats.iterations, one_stats.iterations);
  EXPECT_EQ(several_stats.final_residual, one_stats.final_residual);
  EXPECT_EQ(bits_of(several), bits_of(one));
}

TEST(ThreadsForCells, OneThreadBelowTheCellsTwoThreadsNeed) {
  EXPECT_EQ(core::threads_for_cells(1000, 2), 1);
  EXPECT_EQ(core::threads_for_cells(2 * core::kCellsPerThread - 1, 2), 1);
  EXPECT_EQ(core::threads_for_cells(2 * core::kCellsPerThread, 2), 2);
  EXPECT_EQ(core::threads_for_cells(100 * core::kCellsPerThread, 8), 8);
  EXPECT_EQ(core::threads_for_cells(100 * core::kCellsPerThread, 1), 1);
}

}  // namespace
}  // namespace dermaflux
