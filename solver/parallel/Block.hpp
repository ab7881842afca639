#pragma once
// How `mpirun -n P dermaflux run` cuts one case over its ranks: the rectilinear
// grid into px x py x pz blocks of whole cells, one per rank, ranks numbered x
// fastest (rank 0 at the origin, the bottom corner). Cells cost the same
// everywhere, so equal cell counts balance the work; the cuts are chosen to
// exchange the fewest halo cells (on a layered mesh of a wide patch: columns
// through the whole depth; for our solver columns whenever they can be, see
// choose_parts). Our solver exchanges one-layer halos through FaceExchange;
// hypre's Struct solver, given each rank's box, exchanges those of its solve itself.

#include <array>
#include <cstddef>
#include <string>

namespace dermaflux::parallel {

struct CellRange {
  int begin = 0;
  int end = 0;  // one past the last
  int size() const { return end - begin; }
};

struct Block {
  int rank = 0;
  int ranks = 1;
  std::array<int, 3> parts{1, 1, 1};     // ranks along x, y, z
  std::array<int, 3> position{0, 0, 0};  // this rank's place among them
  std::array<CellRange, 3> cells;        // this rank's cells along x, y, z
  std::array<int, 3> whole{0, 0, 0};     // the grid's cells along x, y, z

  std::size_t cell_count() const {
    return static_cast<std::size_t>(cells[0].size()) * static_cast<std::size_t>(cells[1].size()) *
           static_cast<std::size_t>(cells[2].size());
  }
  // The block's first cell in the whole grid, and its cells along x, y, z.
  std::array<int, 3> first_cell() const { return {cells[0].begin, cells[1].begin, cells[2].begin}; }
  std::array<int, 3> cell_counts() const {
    return {cells[0].size(), cells[1].size(), cells[2].size()};
  }
  bool has_bottom() const { return cells[2].begin == 0; }
  bool has_top() const { return cells[2].end == whole[2]; }
  // Whether the block spans the whole grid along an axis (0 x, 1 y, 2 z).
  bool spans(int axis) const { return parts[static_cast<std::size_t>(axis)] == 1; }
};

// The cells of a block's layer `layer` along `axis` (0 x, 1 y, 2 z) as they sit
// in the block's face lists (model::BlockProblem): visit(at, face) for each, `at`
// the cell's (i, j, k) in a block of `cells` along x, y, z, `face` its index, the
// other two axes' indices with the first fastest (x faces: j + ny k; y faces:
// i + nx k; z faces: i + nx j).
template <class Visit>
void for_each_face_cell(const std::array<int, 3>& cells, int axis, int layer, Visit&& visit) {
  const int u = axis == 0 ? 1 : 0, v = axis == 2 ? 1 : 2;
  const int nu = cells[static_cast<std::size_t>(u)], nv = cells[static_cast<std::size_t>(v)];
  std::array<int, 3> at{0, 0, 0};
  at[static_cast<std::size_t>(axis)] = layer;
  for (int iv = 0; iv < nv; ++iv)
    for (int iu = 0; iu < nu; ++iu) {
      at[static_cast<std::size_t>(u)] = iu;
      at[static_cast<std::size_t>(v)] = iv;
      visit(at, static_cast<std::size_t>(iu) + static_cast<std::size_t>(nu) * iv);
    }
}

// px x py x pz = ranks with px <= nx, py <= ny, pz <= nz that cuts the fewest
// faces between cells (a periodic x or y is cut once more: the wrap), fewer z
// cuts first among equals. With `columns_first`, the fewest among the splits that
// cut no z (pz = 1) if there is one: our solver's multigrid joins its z-lines
// across z cuts with 2 (pz - 1) more exchanges per colour of its smoother
// (linear/ZLineJoin.hpp), so columns exchange less; and among those that cut
// equally many faces, the fewest x parts (y cut before x): its smoother relaxes
// runs along x, and short runs cost more per cell (2 ranks: 1 x 2 x 1). Throws UsageError when no
// such split exists (more ranks than cells, or a prime number of ranks larger than every axis).
std::array<int, 3> choose_parts(const std::array<int, 3>& whole, int ranks, bool periodic,
                                bool columns_first = false);

// "2x2x1" -> {2, 2, 1}; UsageError naming the option when it is not that, or
// when the parts do not multiply to `ranks` or exceed the grid's cells.
std::array<int, 3> parse_parts(const std::string& text, const std::array<int, 3>& whole, int ranks);

// Rank `rank`'s block: each axis split as evenly as possible, the first
// n % p blocks along it one cell more.
Block block_of_rank(const std::array<int, 3>& whole, const std::array<int, 3>& parts, int rank);

// "2 x 2 x 1"
std::string describe_parts(const std::array<int, 3>& parts);

}  // namespace dermaflux::parallel
