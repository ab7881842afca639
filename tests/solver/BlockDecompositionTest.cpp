// A case split into blocks over MPI ranks (mpirun -n P dermaflux run): the cells
// each rank takes, how the split is chosen, and each block's problem against the
// whole problem's cells. The split runs themselves are compared with serial runs
// under mpirun (tests/smoke/decomposed_run.sh).

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/Error.hpp"
#include "input/CaseReader.hpp"
#include "model/ProblemBuilder.hpp"
#include "operator/DiffusionOperator.hpp"
#include "parallel/Block.hpp"
#include "parallel/FaceExchange.hpp"

namespace dermaflux {
namespace {

using Parts = std::array<int, 3>;

TEST(BlockOfRank, BlocksTileTheGridOnceWithBalancedSizes) {
  const Parts whole{7, 5, 9};
  for (const Parts& parts : {Parts{1, 1, 1}, Parts{2, 3, 1}, Parts{1, 1, 4}, Parts{2, 2, 2}}) {
    std::vector<int> covered(7 * 5 * 9, 0);
    const int ranks = parts[0] * parts[1] * parts[2];
    for (int rank = 0; rank < ranks; ++rank) {
      const parallel::Block b = parallel::block_of_rank(whole, parts, rank);
      EXPECT_EQ(b.ranks, ranks);
      for (std::size_t a = 0; a < 3; ++a) {
        EXPECT_GE(b.cells[a].size(), whole[a] / parts[a]);
        EXPECT_LE(b.cells[a].size(), whole[a] / parts[a] + 1);
      }
      // Ranks x fastest: rank 0 at the origin, the next one beside it along x.
      EXPECT_EQ(rank, b.position[0] + parts[0] * (b.position[1] + parts[1] * b.position[2]));
      for (int k = b.cells[2].begin; k < b.cells[2].end; ++k)
        for (int j = b.cells[1].begin; j < b.cells[1].end; ++j)
          for (int i = b.cells[0].begin; i < b.cells[0].end; ++i) ++covered[i + 7 * (j + 5 * k)];
      EXPECT_EQ(b.has_bottom(), b.position[2] == 0);
      EXPECT_EQ(b.has_top(), b.position[2] == parts[2] - 1);
    }
    for (int n : covered) ASSERT_EQ(n, 1) << parts[0] << "x" << parts[1] << "x" << parts[2];
  }
}

// The rank across each face (the halo's partner in our split solver): the
// neighbours along an axis, wrapping around it, so that on 2 ranks both x faces of
// a block face the other rank (the cut and the periodic wrap).
TEST(NeighbourRank, AcrossEachFaceWrappingAroundTheAxis) {
  const std::array<int, 3> whole{8, 6, 4};
  const parallel::Block pair = parallel::block_of_rank(whole, Parts{2, 1, 1}, 0);
  EXPECT_EQ(parallel::neighbour_rank(pair, 0), 1);
  EXPECT_EQ(parallel::neighbour_rank(pair, 1), 1);
  // 2 x 2 x 1, rank 3 at (1, 1): x neighbours are rank 2, y neighbours rank 1.
  const parallel::Block corner = parallel::block_of_rank(whole, Parts{2, 2, 1}, 3);
  EXPECT_EQ(parallel::neighbour_rank(corner, 0), 2);
  EXPECT_EQ(parallel::neighbour_rank(corner, 1), 2);
  EXPECT_EQ(parallel::neighbour_rank(corner, 2), 1);
  EXPECT_EQ(parallel::neighbour_rank(corner, 3), 1);
  // 1 x 1 x 3, the middle slab: below rank 0, above rank 2.
  const parallel::Block slab = parallel::block_of_rank(whole, Parts{1, 1, 3}, 1);
  EXPECT_EQ(parallel::neighbour_rank(slab, 4), 0);
  EXPECT_EQ(parallel::neighbour_rank(slab, 5), 2);
}

TEST(ChooseParts, CutsTheFewestFaces) {
  // A wide periodic patch: columns through the depth, not slabs.
  EXPECT_EQ(parallel::choose_parts({64, 64, 10}, 16, true), (Parts{4, 4, 1}));
  EXPECT_EQ(parallel::choose_parts({2560, 2560, 150}, 64, true), (Parts{8, 8, 1}));
  // A needled unit cell, deep against its width: slabs of planes.
  EXPECT_EQ(parallel::choose_parts({11, 11, 30}, 4, true), (Parts{1, 1, 4}));
  // The same for our solver: columns, whose multigrid splits over them; among
  // equal cuts y before x, so its smoother's runs along x stay whole.
  EXPECT_EQ(parallel::choose_parts({11, 11, 30}, 4, true, true), (Parts{1, 4, 1}));
  EXPECT_EQ(parallel::choose_parts({11, 11, 30}, 2, true, true), (Parts{1, 2, 1}));
  EXPECT_EQ(parallel::choose_parts({62, 62, 60}, 2, true, true), (Parts{1, 2, 1}));
  EXPECT_EQ(parallel::choose_parts({64, 64, 10}, 16, true, true), (Parts{4, 4, 1}));
  // Fewer faces still win: a long x is cut when its cross-section is the smaller.
  EXPECT_EQ(parallel::choose_parts({80, 40, 10}, 2, false, true), (Parts{2, 1, 1}));
  // hypre's split is unchanged: x before y among equals.
  EXPECT_EQ(parallel::choose_parts({62, 62, 6}, 2, true), (Parts{2, 1, 1}));
  // No split in columns (13 ranks, 11 x 11 columns): z is cut after all.
  EXPECT_EQ(parallel::choose_parts({11, 11, 30}, 13, true, true), (Parts{1, 1, 13}));
  // One rank: nothing to cut.
  EXPECT_EQ(parallel::choose_parts({5, 5, 5}, 1, false), (Parts{1, 1, 1}));
}

template <class F>
std::string usage_error_of(F&& f) {
  try {
    f();
  } catch (const UsageError& e) {
    return e.what();
  }
  return "no error";
}

TEST(ChooseParts, ASplitThatCannotBeMadeIsABadRequestThatSaysWhy) {
  const std::string why = usage_error_of([] { parallel::choose_parts({11, 11, 10}, 13, true); });
  EXPECT_NE(why.find("cannot split the case's mesh of 11 x 11 x 10 cells over 13 MPI ranks"),
            std::string::npos)
      << why;
}

TEST(ParseParts, ReadsPxPyPzAndRefusesWhatDoesNotFit) {
  EXPECT_EQ(parallel::parse_parts("2x2x1", {8, 8, 8}, 4), (Parts{2, 2, 1}));
  EXPECT_EQ(parallel::parse_parts("1X1X3", {8, 8, 8}, 3), (Parts{1, 1, 3}));
  EXPECT_NE(usage_error_of([] {
              parallel::parse_parts("2x2", {8, 8, 8}, 4);
            }).find("expects ranks along x, y and z as PXxPYxPZ"),
            std::string::npos);
  EXPECT_NE(usage_error_of([] {
              parallel::parse_parts("2x2x2", {8, 8, 8}, 4);
            }).find("makes 8 blocks for 4 MPI ranks"),
            std::string::npos);
  EXPECT_NE(usage_error_of([] {
              parallel::parse_parts("4x1x1", {3, 8, 8}, 4);
            }).find("more blocks along x than it has cells"),
            std::string::npos);
}

// Each block's cells carry the whole problem's coefficients and initial field,
// bit for bit; its operator is the whole operator's restricted to the block, with
// the faces to the neighbours (across the periodic wrap too) moved out of the
// stencil into the face lists; the top and bottom boundaries stay with the
// blocks that hold them.
void expect_blocks_restrict_the_whole_problem(const std::string& case_file, const Parts& parts) {
  SCOPED_TRACE(case_file + " split " + parallel::describe_parts(parts));
  const input::Case c = input::read_case(case_file);
  const auto open = model::case_channels(c);
  const model::Problem whole = model::build_problem(c, open);
  const op::DiffusionOperator w(whole);
  const auto& g = whole.mesh.grid;
  const Parts n{g.nx(), g.ny(), g.nz()};
  const bool periodic = whole.sides == model::SideBoundary::Periodic;
  const int ranks = parts[0] * parts[1] * parts[2];
  for (int rank = 0; rank < ranks; ++rank) {
    const parallel::Block block = parallel::block_of_rank(n, parts, rank);
    const model::BlockProblem part =
        model::build_block_problem(c, model::case_mesh(c), open, block);
    const op::DiffusionOperator b(part.problem);
    const auto& bg = part.problem.mesh.grid;
    ASSERT_EQ(part.problem.cell_count(), block.cell_count());
    EXPECT_EQ(part.problem.domain_area_m2(), whole.domain_area_m2());
    const core::StaggeredVector<double>* whole_t[3] = {&w.tx(), &w.ty(), &w.tz()};
    const core::StaggeredVector<double>* block_t[3] = {&b.tx(), &b.ty(), &b.tz()};
    for (int k = 0; k < bg.nz(); ++k)
      for (int j = 0; j < bg.ny(); ++j)
        for (int i = 0; i < bg.nx(); ++i) {
          const int at[3] = {i, j, k};
          const int I[3] = {i + block.cells[0].begin, j + block.cells[1].begin,
                            k + block.cells[2].begin};
          const std::size_t mine = bg.index(i, j, k), all = g.index(I[0], I[1], I[2]);
          ASSERT_EQ(b.capacity()[mine], w.capacity()[all]);
          ASSERT_EQ(part.problem.initial_potential_kg_m3[mine], whole.initial_potential_kg_m3[all]);
          double moved = 0.0;  // the faces this cell has in the lists, not the stencil
          for (int a = 0; a < 3; ++a) {
            const auto axis = static_cast<std::size_t>(a);
            const int u = a == 0 ? 1 : 0, v = a == 2 ? 1 : 2;
            const std::size_t face =
                static_cast<std::size_t>(at[u]) +
                static_cast<std::size_t>(block.cells[static_cast<std::size_t>(u)].size()) * at[v];
            const bool last = at[a] == block.cells[axis].size() - 1;
            const auto& upper = part.faces[2 * axis + 1];
            const auto& lower = part.faces[2 * axis];
            if (last && !block.spans(a)) {
              ASSERT_EQ((*block_t[a])[mine], 0.0);
              const bool beyond = I[a] + 1 < n[axis] || (periodic && a < 2);
              ASSERT_EQ(upper.size(), beyond ? block.cell_count() / block.cells[axis].size() : 0u);
              if (beyond) {
                ASSERT_EQ(upper[face], (*whole_t[a])[all]) << "upper face, axis " << a;
                moved += upper[face];
              }
            } else {
              ASSERT_EQ((*block_t[a])[mine], (*whole_t[a])[all]) << "axis " << a;
            }
            if (at[a] == 0 && !block.spans(a)) {
              const bool beyond = I[a] > 0 || (periodic && a < 2);
              ASSERT_EQ(lower.size(), beyond ? block.cell_count() / block.cells[axis].size() : 0u);
              if (beyond) {
                int below[3] = {I[0], I[1], I[2]};
                below[a] = (I[a] - 1 + n[axis]) % n[axis];
                ASSERT_EQ(lower[face], (*whole_t[a])[g.index(below[0], below[1], below[2])])
                    << "lower face, axis " << a;
                moved += lower[face];
              }
            }
          }
          const double whole_diagonal = w.static_diagonal(I[0], I[1], I[2]);
          ASSERT_NEAR(b.static_diagonal(i, j, k) + moved, whole_diagonal, 1e-14 * whole_diagonal);
        }
  }
}

TEST(BlockProblem, NeedledPeriodicBlocksRestrictTheWholeProblem) {
  for (const Parts& parts : {Parts{1, 1, 3}, Parts{2, 1, 1}, Parts{2, 2, 1}, Parts{3, 1, 2}})
    expect_blocks_restrict_the_whole_problem(DERMAFLUX_TEST_DATA_DIR "/decomposed/closing.yaml",
                                             parts);
}

TEST(BlockProblem, InfiniteDoseClosedSideBlocksRestrictTheWholeProblem) {
  for (const Parts& parts : {Parts{1, 1, 2}, Parts{3, 1, 1}, Parts{1, 2, 2}})
    expect_blocks_restrict_the_whole_problem(DERMAFLUX_TEST_DATA_DIR "/decomposed/infinite.yaml",
                                             parts);
}

}  // namespace
}  // namespace dermaflux
