// Our multigrid with its levels split over ranks (linear/DistributedMultigrid.hpp),
// its ranks threads of this process: the split V-cycle equals the one-process
// V-cycle to single-precision rounding where every block's columns pair up as the
// whole grid's do, across the periodic wrap (an odd, three-coloured axis) and
// against closed sides, and where the split cuts z (the z-lines joined across the
// cut); our CG over the threads takes the one-process iterations.

#include <gtest/gtest.h>

#include <algorithm>
#include <barrier>
#include <cmath>
#include <cstdio>
#include <random>
#include <thread>

#include "input/CaseReader.hpp"
#include "linear/BlockCgSolver.hpp"
#include "linear/ConjugateGradient.hpp"
#include "linear/DistributedMultigrid.hpp"
#include "linear/Multigrid.hpp"
#include "model/ProblemBuilder.hpp"
#include "operator/DiffusionOperator.hpp"

namespace dermaflux {
namespace {

using Parts = std::array<int, 3>;

// What MPI carries between the ranks, between threads: face layers and
// rank-ordered sums, each a rendezvous of all the ranks.
class ThreadRanks {
 public:
  explicit ThreadRanks(int ranks)
      : sync_(ranks),
        layers_(static_cast<std::size_t>(ranks)),
        sums_(static_cast<std::size_t>(ranks)) {}

  class Exchange final : public parallel::FaceExchange {
   public:
    Exchange(ThreadRanks& all, const parallel::Block& block) : all_(all), block_(block) {}
    void exchange(const parallel::FaceLayers& outgoing, parallel::FaceLayers& incoming) override {
      for (int face = 0; face < 6; ++face) {
        const auto f = static_cast<std::size_t>(face);
        if (outgoing[f].empty()) continue;
        const auto to = static_cast<std::size_t>(parallel::neighbour_rank(block_, face));
        all_.layers_[to][static_cast<std::size_t>(face % 2 == 0 ? face + 1 : face - 1)] =
            outgoing[f];
      }
      all_.sync_.arrive_and_wait();
      for (std::size_t f = 0; f < 6; ++f)
        if (!outgoing[f].empty())
          incoming[f] = all_.layers_[static_cast<std::size_t>(block_.rank)][f];
      all_.sync_.arrive_and_wait();
    }

   private:
    ThreadRanks& all_;
    parallel::Block block_;
  };

  core::GlobalSum sum(int rank) {
    return [this, rank](std::span<double> values) {
      sums_[static_cast<std::size_t>(rank)].assign(values.begin(), values.end());
      sync_.arrive_and_wait();
      for (std::size_t v = 0; v < values.size(); ++v) {
        double total = 0.0;
        for (const auto& mine : sums_) total += mine[v];
        values[v] = total;
      }
      sync_.arrive_and_wait();
    };
  }

 private:
  std::barrier<> sync_;
  std::vector<parallel::FaceLayers> layers_;  // per receiving rank
  std::vector<std::vector<double>> sums_;
};

struct Split {
  std::vector<double> preconditioned;  // M r on the whole grid, the blocks' parts put together
  int iterations = 0;                  // CG over the blocks to 1e-10
  int split_levels = 0;
};

// Each rank of `parts` a thread: its block's problem and operator, our split
// multigrid on it (M r), and our CG over the blocks (BlockCgSolver).
Split run_split(const input::Case& c, const Parts& parts, double shift, const linear::Vector& r,
                const linear::Vector& b) {
  const auto open = model::case_channels(c);
  const mesh::LayeredMesh mesh = model::case_mesh(c);
  const mesh::Grid& g = mesh.grid;
  const Parts whole{g.nx(), g.ny(), g.nz()};
  const int ranks = parts[0] * parts[1] * parts[2];
  ThreadRanks all(ranks);
  Split split;
  split.preconditioned.assign(static_cast<std::size_t>(r.size()), 0.0);
  std::vector<int> iterations(static_cast<std::size_t>(ranks));
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
      linear::DistributedMultigrid multigrid(system, part.faces, place, exchange, all.sum(rank));
      linear::Vector z_block;
      multigrid.apply(r_block, z_block);
      for (int k = 0; k < bg.nz(); ++k)
        for (int j = 0; j < bg.ny(); ++j)
          for (int i = 0; i < bg.nx(); ++i)
            split.preconditioned[whole_index(i, j, k)] =
                z_block[static_cast<Eigen::Index>(bg.index(i, j, k))];
      if (rank == 0) split.split_levels = multigrid.split_levels();
      linear::BlockCgSolver solver(system, {1e-10, 500}, all.sum(rank), all.sum(rank), part.faces,
                                   std::make_unique<ThreadRanks::Exchange>(all, block), place);
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

}  // namespace
}  // namespace dermaflux
