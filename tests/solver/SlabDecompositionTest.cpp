// A case split into slabs of z-planes (mpirun -n P dermaflux run): the planes each
// rank takes, and each slab's problem against the whole problem's planes. The
// split runs themselves are compared with serial runs under mpirun
// (tests/smoke/decomposed_run.sh).

#include <gtest/gtest.h>

#include <string>

#include "core/Error.hpp"
#include "input/CaseReader.hpp"
#include "model/ProblemBuilder.hpp"
#include "operator/DiffusionOperator.hpp"
#include "parallel/Slab.hpp"

namespace dermaflux {
namespace {

TEST(SlabOfRank, RanksTakeConsecutiveBalancedPlaneRangesFromTheBottom) {
  for (int nz : {4, 7, 30, 101}) {
    for (int ranks = 1; ranks <= 4; ++ranks) {
      int next = 0;
      for (int rank = 0; rank < ranks; ++rank) {
        const parallel::Slab s = parallel::slab_of_rank(nz, ranks, rank);
        EXPECT_EQ(s.k_begin, next) << nz << " planes, rank " << rank << " of " << ranks;
        EXPECT_GE(s.planes(), nz / ranks);
        EXPECT_LE(s.planes(), nz / ranks + 1);
        EXPECT_EQ(s.has_bottom(), rank == 0);
        EXPECT_EQ(s.has_top(), rank == ranks - 1);
        next = s.k_end;
      }
      EXPECT_EQ(next, nz);
    }
  }
}

TEST(SlabOfRank, MoreRanksThanPlanesIsABadRequestThatSaysWhy) {
  try {
    parallel::slab_of_rank(3, 4, 0);
    FAIL() << "no error";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("3 z-planes, fewer than the 4 MPI ranks"),
              std::string::npos)
        << e.what();
  }
}

// Each slab's cells carry the whole problem's coefficients and initial field, bit
// for bit; its operator is the whole operator's restricted to the slab, with the
// faces to the neighbours moved out of the stencil into below/above; the top and
// bottom boundaries stay with the ranks that hold them.
void expect_slabs_restrict_the_whole_problem(const std::string& case_file) {
  const input::Case c = input::read_case(case_file);
  const auto open = model::case_channels(c);
  const model::Problem whole = model::build_problem(c, open);
  const op::DiffusionOperator whole_op(whole);
  const auto& g = whole.mesh.grid;
  const std::size_t plane = static_cast<std::size_t>(g.nx()) * g.ny();
  for (int ranks : {2, 3}) {
    for (int rank = 0; rank < ranks; ++rank) {
      const parallel::Slab slab = parallel::slab_of_rank(g.nz(), ranks, rank);
      const model::SlabProblem part = model::build_slab_problem(c, open, slab);
      const op::DiffusionOperator part_op(part.problem);
      const std::size_t offset = plane * static_cast<std::size_t>(slab.k_begin);
      ASSERT_EQ(part.problem.cell_count(), plane * static_cast<std::size_t>(slab.planes()));
      for (std::size_t n = 0; n < part.problem.cell_count(); ++n) {
        ASSERT_EQ(part.problem.capacity_m3[n], whole.capacity_m3[offset + n]) << n;
        ASSERT_EQ(part.problem.initial_potential_kg_m3[n],
                  whole.initial_potential_kg_m3[offset + n]);
        ASSERT_EQ(part_op.tx()[n], whole_op.tx()[offset + n]);
        ASSERT_EQ(part_op.ty()[n], whole_op.ty()[offset + n]);
        const bool top_of_slab = n >= plane * static_cast<std::size_t>(slab.planes() - 1);
        ASSERT_EQ(part_op.tz()[n], top_of_slab ? 0.0 : whole_op.tz()[offset + n]);
        // The diagonal lacks exactly the faces to the neighbours.
        const std::size_t column = n % plane;
        double missing = 0.0;
        if (n < plane && !slab.has_bottom()) missing += part.below_conductance[column];
        if (top_of_slab && !slab.has_top()) missing += part.above_conductance[column];
        ASSERT_NEAR(part_op.static_diagonal()[n] + missing, whole_op.static_diagonal()[offset + n],
                    1e-14 * whole_op.static_diagonal()[offset + n]);
      }
      ASSERT_EQ(part.below_conductance.size(), slab.has_bottom() ? 0u : plane);
      ASSERT_EQ(part.above_conductance.size(), slab.has_top() ? 0u : plane);
      for (std::size_t column = 0; column < part.below_conductance.size(); ++column)
        ASSERT_EQ(part.below_conductance[column], whole_op.tz()[offset - plane + column]);
      for (std::size_t column = 0; column < part.above_conductance.size(); ++column)
        ASSERT_EQ(part.above_conductance[column],
                  whole_op.tz()[offset + plane * (slab.planes() - 1) + column]);
      EXPECT_EQ(part_op.top_conductance(),
                slab.has_top() ? whole_op.top_conductance() : std::vector<double>(plane, 0.0));
      EXPECT_EQ(part_op.bottom_conductance(), slab.has_bottom() ? whole_op.bottom_conductance()
                                                                : std::vector<double>(plane, 0.0));
    }
  }
}

TEST(SlabProblem, NeedledFiniteDoseSlabsRestrictTheWholeProblem) {
  expect_slabs_restrict_the_whole_problem(DERMAFLUX_TEST_DATA_DIR "/decomposed/closing.yaml");
}

TEST(SlabProblem, InfiniteDoseSlabsRestrictTheWholeProblem) {
  expect_slabs_restrict_the_whole_problem(DERMAFLUX_TEST_DATA_DIR "/decomposed/infinite.yaml");
}

}  // namespace
}  // namespace dermaflux
