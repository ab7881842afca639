// Our multigrid with its levels split over ranks (linear/DistributedMultigrid.hpp),
// its ranks threads of this process: the split V-cycle equals the one-process
// V-cycle to single-precision rounding where every block's columns pair up as the
// whole grid's do, across the periodic wrap (an odd, three-coloured axis) and
// against closed sides, and where the split cuts z (the z-lines joined across the
// cut); our CG over the threads takes the one-process iterations. The coarse level
// put together on 1, 2 or 3 coarse ranks (CoarseAgglomeration.hpp) gives the
// every-rank V-cycle bit for bit.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <thread>

#include "core/Error.hpp"
#include "input/CaseReader.hpp"
#include "linear/BlockCgSolver.hpp"
#include "linear/ConjugateGradient.hpp"
#include "linear/DistributedMultigrid.hpp"
#include "linear/Multigrid.hpp"
#include "model/ProblemBuilder.hpp"
#include "operator/DiffusionOperator.hpp"
#include "support/ThreadRanks.hpp"

namespace dermaflux {
namespace {

using Parts = std::array<int, 3>;

using testing::ThreadRanks;

struct Split {
  std::vector<double> preconditioned;  // M r on the whole grid, the blocks' parts put together
  int iterations = 0;                  // CG over the blocks to 1e-10
  int split_levels = 0;
  // Per rank: messages and bytes it sent moving the coarse level, in one V-cycle.
  std::vector<std::size_t> coarse_messages, coarse_bytes;
};

// Each rank of `parts` a thread: its block's problem and operator, our split
// multigrid on it (M r), and our CG over the blocks (BlockCgSolver). The coarse
// level on `coarse_ranks` ranks (CoarseAgglomeration.hpp); 0: on every rank by
// the sum of pieces alone.
Split run_split(const input::Case& c, const Parts& parts, double shift, const linear::Vector& r,
                const linear::Vector& b, int coarse_ranks = 0) {
  const auto open = model::case_channels(c);
  const mesh::LayeredMesh mesh = model::case_mesh(c);
  const mesh::Grid& g = mesh.grid;
  const Parts whole{g.nx(), g.ny(), g.nz()};
  const int ranks = parts[0] * parts[1] * parts[2];
  ThreadRanks all(ranks);
  Split split;
  split.preconditioned.assign(static_cast<std::size_t>(r.size()), 0.0);
  std::vector<int> iterations(static_cast<std::size_t>(ranks));
  split.coarse_messages.resize(static_cast<std::size_t>(ranks));
  split.coarse_bytes.resize(static_cast<std::size_t>(ranks));
  std::vector<std::thread> threads;
  for (int rank = 0; rank < ranks; ++rank)
    threads.emplace_back([&, rank] {
      const parallel::Block block = parallel::block_of_rank(whole, parts, rank);
      model::BlockProblem part = model::build_block_problem(c, mesh, open, block);
      op::DiffusionOperator system(part.problem);
      system.set_shift(shift);
      linear::BlockPlace place{block, {}, {}};
      for (int i = 0; i < g.nx(); ++i) place.whole_dx_m.push_back(g.dx(i));
      for (int j = 0; j < g.ny(); ++j) place.whole_dy_m.push_back(g.dy(j));
      const mesh::Grid& bg = part.problem.mesh.grid;
      auto whole_index = [&](int i, int j, int k) {
        return g.index(i + block.cells[0].begin, j + block.cells[1].begin,
                       k + block.cells[2].begin);
      };
      linear::Vector r_block(static_cast<Eigen::Index>(block.cell_count()));
      linear::Vector b_block(r_block.size());
      for (int k = 0; k < bg.nz(); ++k)
        for (int j = 0; j < bg.ny(); ++j)
          for (int i = 0; i < bg.nx(); ++i) {
            r_block[static_cast<Eigen::Index>(bg.index(i, j, k))] =
                r[static_cast<Eigen::Index>(whole_index(i, j, k))];
            b_block[static_cast<Eigen::Index>(bg.index(i, j, k))] =
                b[static_cast<Eigen::Index>(whole_index(i, j, k))];
          }
      ThreadRanks::Exchange exchange(all, block);
      ThreadRanks::Transfer transfer(all, rank);
      const linear::CoarseTransport coarse(all.sum(rank), coarse_ranks > 0 ? &transfer : nullptr,
                                           coarse_ranks);
      linear::DistributedMultigrid multigrid(system, part.faces, place, exchange, coarse);
      linear::Vector z_block;
      const std::size_t messages = transfer.messages_sent(), bytes = transfer.bytes_sent();
      multigrid.apply(r_block, z_block);
      split.coarse_messages[static_cast<std::size_t>(rank)] = transfer.messages_sent() - messages;
      split.coarse_bytes[static_cast<std::size_t>(rank)] = transfer.bytes_sent() - bytes;
      for (int k = 0; k < bg.nz(); ++k)
        for (int j = 0; j < bg.ny(); ++j)
          for (int i = 0; i < bg.nx(); ++i)
            split.preconditioned[whole_index(i, j, k)] =
                z_block[static_cast<Eigen::Index>(bg.index(i, j, k))];
      if (rank == 0) split.split_levels = multigrid.split_levels();
      linear::BlockCgSolver solver(
          system, {1e-10, 500}, all.sum(rank), all.sum(rank), part.faces,
          std::make_unique<ThreadRanks::Exchange>(all, block), place,
          coarse_ranks > 0 ? std::make_unique<ThreadRanks::Transfer>(all, rank) : nullptr);
      solver.update();
      linear::Vector x = linear::Vector::Zero(b_block.size());
      iterations[static_cast<std::size_t>(rank)] = solver.solve(b_block, x).iterations;
    });
  for (auto& thread : threads) thread.join();
  for (int n : iterations) EXPECT_EQ(n, iterations[0]) << "every rank the same iterations";
  split.iterations = iterations[0];
  return split;
}

// `same_cycle`: every block's columns pair up as the whole grid's do, so the split
// cycle is the one-process one; otherwise (a block of odd width pairs its own
// columns) only CG's iterations are compared, within 1.3 times.
void expect_split_cycle_near_the_one_process_cycle(const std::string& case_file, const Parts& parts,
                                                   bool same_cycle = true) {
  SCOPED_TRACE(case_file + " split " + parallel::describe_parts(parts));
  const input::Case c = input::read_case(case_file);
  const model::Problem whole = model::build_problem(c, model::case_channels(c));
  op::DiffusionOperator system(whole);
  const double shift = 1.5 / 600.0;
  system.set_shift(shift);
  linear::MultigridPreconditioner one(system);
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> uniform(-1.0, 1.0);
  linear::Vector r(static_cast<Eigen::Index>(whole.cell_count()));
  for (double& v : r) v = uniform(rng);
  linear::Vector z;
  one.apply(r, z);
  linear::Vector x = linear::Vector::Zero(r.size());
  const int one_iterations = linear::conjugate_gradient(system, one, r, x, {1e-10, 500}).iterations;

  const Split split = run_split(c, parts, shift, r, r);
  EXPECT_GE(split.split_levels, 1);
  double largest = 0.0, differs = 0.0;
  for (Eigen::Index n = 0; n < z.size(); ++n) {
    largest = std::max(largest, std::abs(z[n]));
    differs = std::max(differs, std::abs(z[n] - split.preconditioned[static_cast<std::size_t>(n)]));
  }
  std::printf("split %s: M r differs by %.2e of its largest; CG iterations %d, one process %d\n",
              parallel::describe_parts(parts).c_str(), differs / largest, split.iterations,
              one_iterations);
  if (same_cycle) {
    // Single precision, its sums in another order at the cut faces.
    EXPECT_LE(differs, 1e-6 * largest);
    EXPECT_LE(split.iterations, one_iterations + 1);
  } else {
    EXPECT_LE(split.iterations * 10, one_iterations * 13);
  }
}

TEST(DistributedMultigrid, PeriodicNeedledCellSplitInColumnsIsTheOneProcessCycle) {
  // 11 x 11 columns, periodic (three colours): blocks of 6 and 5, 4, 4 and 3.
  for (const Parts& parts : {Parts{2, 1, 1}, Parts{1, 2, 1}, Parts{2, 2, 1}, Parts{3, 2, 1}})
    expect_split_cycle_near_the_one_process_cycle(
        DERMAFLUX_TEST_DATA_DIR "/decomposed/closing.yaml", parts);
}

TEST(DistributedMultigrid, ClosedSidesSplitInColumnsIsTheOneProcessCycle) {
  expect_split_cycle_near_the_one_process_cycle(DERMAFLUX_TEST_DATA_DIR "/decomposed/infinite.yaml",
                                                Parts{2, 1, 1});
}

TEST(DistributedMultigrid, BlocksOfOddWidthTakeAboutTheOneProcessIterations) {
  // 17 x 17 columns: blocks of 9 and 8 pair their columns otherwise than one
  // process does.
  expect_split_cycle_near_the_one_process_cycle(DERMAFLUX_TEST_DATA_DIR "/decomposed/long.yaml",
                                                Parts{2, 1, 1}, false);
}

TEST(DistributedMultigrid, SplitsThatCutZAreTheOneProcessCycle) {
  // The z-lines joined across the z cuts (ZLineJoin): in slabs of 2 and 3 blocks,
  // in slabs and columns at once, against closed sides and across the wrap.
  for (const Parts& parts : {Parts{1, 1, 2}, Parts{2, 1, 2}, Parts{1, 1, 3}})
    expect_split_cycle_near_the_one_process_cycle(
        DERMAFLUX_TEST_DATA_DIR "/decomposed/infinite.yaml", parts);
  for (const Parts& parts : {Parts{1, 1, 2}, Parts{2, 2, 2}})
    expect_split_cycle_near_the_one_process_cycle(
        DERMAFLUX_TEST_DATA_DIR "/decomposed/closing.yaml", parts);
  // 2 rows as 1 + 1: the blocks cannot pair rows as one process does.
  expect_split_cycle_near_the_one_process_cycle(DERMAFLUX_TEST_DATA_DIR "/decomposed/infinite.yaml",
                                                Parts{1, 2, 2}, false);
}

// The coarse level put together on `coarse_ranks` ranks gives the every-rank
// V-cycle bit for bit, and CG the same iterations.
void expect_coarse_ranks_give_the_every_rank_cycle(const std::string& case_file, const Parts& parts,
                                                   int coarse_ranks) {
  SCOPED_TRACE(case_file + " split " + parallel::describe_parts(parts) + " coarse on " +
               std::to_string(coarse_ranks));
  const input::Case c = input::read_case(case_file);
  const std::size_t cells = model::case_mesh(c).grid.cell_count();
  std::mt19937 rng(11);
  std::uniform_real_distribution<double> uniform(-1.0, 1.0);
  linear::Vector r(static_cast<Eigen::Index>(cells));
  for (double& v : r) v = uniform(rng);
  const double shift = 1.5 / 600.0;
  const Split every = run_split(c, parts, shift, r, r);
  const Split fewer = run_split(c, parts, shift, r, r, coarse_ranks);
  ASSERT_EQ(every.preconditioned.size(), fewer.preconditioned.size());
  EXPECT_EQ(
      std::memcmp(every.preconditioned.data(), fewer.preconditioned.data(), cells * sizeof(double)),
      0)
      << "M r differs";
  EXPECT_EQ(fewer.iterations, every.iterations);
  for (std::size_t rank = 0; rank < fewer.coarse_messages.size(); ++rank)
    std::printf("split %s, coarse on %d: rank %zu sent %zu messages, %zu bytes per V-cycle\n",
                parallel::describe_parts(parts).c_str(), coarse_ranks, rank,
                fewer.coarse_messages[rank], fewer.coarse_bytes[rank]);
  EXPECT_EQ(every.coarse_messages[0], 0u) << "every rank: no transfer";
}

TEST(DistributedMultigrid, CoarseLevelOnRankZeroIsTheEveryRankCycleBitForBit) {
  const std::string closing = DERMAFLUX_TEST_DATA_DIR "/decomposed/closing.yaml";
  expect_coarse_ranks_give_the_every_rank_cycle(closing, Parts{2, 1, 1}, 1);
  expect_coarse_ranks_give_the_every_rank_cycle(closing, Parts{2, 2, 1}, 1);
  expect_coarse_ranks_give_the_every_rank_cycle(DERMAFLUX_TEST_DATA_DIR "/decomposed/long.yaml",
                                                Parts{2, 1, 1}, 1);
}

TEST(DistributedMultigrid, CoarseLevelOnSeveralRanksIsTheEveryRankCycleBitForBit) {
  // Groups {0, 1}, {2, 3}; and {0, 1}, {2, 3}, {4, 5}, whose coarse ranks pass their
  // pieces to each other.
  const std::string closing = DERMAFLUX_TEST_DATA_DIR "/decomposed/closing.yaml";
  expect_coarse_ranks_give_the_every_rank_cycle(closing, Parts{2, 2, 1}, 2);
  expect_coarse_ranks_give_the_every_rank_cycle(closing, Parts{3, 2, 1}, 3);
}

TEST(DistributedMultigrid, CoarseRanksFollowTheRuleOrTheEnvironment) {
  ::unsetenv("DERMAFLUX_COARSE_RANKS");
  EXPECT_EQ(linear::coarse_ranks_for(2), 1);  // rank 0 alone
  EXPECT_EQ(linear::coarse_ranks_for(3), 2);
  EXPECT_EQ(linear::coarse_ranks_for(6), 2);
  EXPECT_EQ(linear::coarse_ranks_for(7), 3);
  EXPECT_EQ(linear::coarse_ranks_for(4096), 64);
  ::setenv("DERMAFLUX_COARSE_RANKS", "3", 1);
  EXPECT_EQ(linear::coarse_ranks_for(16), 3);
  EXPECT_EQ(linear::coarse_ranks_for(2), 2);  // at most every rank
  ::setenv("DERMAFLUX_COARSE_RANKS", "all", 1);
  EXPECT_EQ(linear::coarse_ranks_for(16), 16);
  for (const char* wrong : {"0", "two", "-1", "2x"}) {
    ::setenv("DERMAFLUX_COARSE_RANKS", wrong, 1);
    EXPECT_THROW(linear::coarse_ranks_for(4), UsageError) << wrong;
  }
  ::unsetenv("DERMAFLUX_COARSE_RANKS");
}

}  // namespace
}  // namespace dermaflux
