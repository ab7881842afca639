#pragma once
// Multicolour z-line Gauss-Seidel on one StencilLevel: every column's cells are
// solved together (a tridiagonal system in z, all z-couplings exact), with the
// lateral neighbours' current values on the right-hand side. Columns are coloured
// so that no two lateral neighbours share a colour — two colours (a checkerboard)
// normally, three when a periodic direction has an odd number of columns — and
// the columns of one colour are independent: parallel, and the same result for
// any thread count.
//
// The level stores each plane's cells grouped by colour (PlaneLayout), so a colour
// pass streams through one contiguous block per plane of the level's arrays and
// reads the neighbouring values from the other colours' blocks, also in order.

#include <vector>

#include "core/Team.hpp"
#include "linear/StencilLevel.hpp"

namespace dermaflux::linear {
template <typename Real>
class LateralTransfer;
}

namespace dermaflux::linear {

template <typename Real>
class LineSmoother {
 public:
  explicit LineSmoother(const StencilLevel<Real>& level);

  // Refactors the column systems of shift * capacity + A (pivots computed in
  // double, stored as Real; a single-column level keeps them in double, since its
  // solve is the exact coarsest correction).
  void set_shift(double shift);
  double shift() const { return shift_; }

  // `count` sweeps over the colours in order (forward) or in reverse (backward), in
  // one parallel region; a forward sweep followed by a backward one is symmetric.
  void sweep(const Real* b, Real* x, bool forward, int count = 1) const {
    core::in_region(worth_threads(), [&] { sweep_in_team(b, x, forward, count); });
  }
  // The same by every thread of an enclosing region (core/Team.hpp).
  void sweep_in_team(const Real* b, Real* x, bool forward, int count) const;

  // One colour's lines alone, in a region of its own: a level split over ranks
  // (DistributedMultigrid.hpp) exchanges its halo between the colours.
  void relax_one_colour(int colour, const Real* b, Real* x) const {
    core::in_region(worth_threads(), [&] { relax_colour(colour, b, x); });
  }

  // The exact inverse when the level is a single column.
  void solve_single_column(const Real* b, Real* x) const;

  // coarse_b = P^T (b - (shift * capacity + A) x) for the x a forward sweep left:
  // the residual restricted to the next level, without storing it.
  void restrict_residual(const Real* b, const Real* x, const LateralTransfer<Real>& transfer,
                         Real* coarse_b) const {
    core::in_region(worth_threads(), [&] { restrict_residual_in_team(b, x, transfer, coarse_b); });
  }
  void restrict_residual_in_team(const Real* b, const Real* x,
                                 const LateralTransfer<Real>& transfer, Real* coarse_b) const;

  // Whether the level is large enough to share among threads.
  bool worth_threads() const { return level_.size() >= core::kParallelThreshold; }

  int colours() const { return level_.layout.colours(); }

 private:
  // The run of one class of columns in row j (PlaneLayout): a colour's cells in a
  // row, with where its neighbours are (offsets within a plane), worked out once.
  // East and west neighbours of its interior cells are in the other parity's run of
  // the row at ranks r + east_shift and r + west_shift, north and south ones at
  // rank r of the same class in rows j + 1 and j - 1 (wrapping, or across a closed
  // side where the transmissibility is 0 and the value read adds nothing). The
  // other cells (the row's ends, the odd axis' last column) are listed with theirs.
  struct Run {
    std::size_t own = 0, other = 0, north = 0, south = 0;
    int length = 0, first_interior = 0, interior = 0, east_shift = 0, west_shift = 0;
    struct Edge {
      int rank;
      std::size_t east, west;
    };
    std::vector<Edge> edges;  // the cells outside the interior, in increasing rank
  };
  static Run plan_run(const PlaneLayout& layout, int j, int cls);
  // Calls cell(rank, east, west) for a run's edge cells and span(first, count) for
  // its interior, in increasing rank (fast = false: every cell through cell()).
  template <typename Cell, typename Span>
  static void visit(const Run& run, bool fast, Cell&& cell, Span&& span);
  void relax_colour(int colour, const Real* b, Real* x) const;

  const StencilLevel<Real>& level_;
  double shift_ = 0.0;
  core::StaggeredVector<Real> inverse_pivot_;  // Thomas factorisation of every column
  std::vector<double> single_column_pivot_;    // the same in double, one-column levels
  std::vector<std::vector<Run>> runs_;         // per colour, rows in increasing order
  std::vector<Run> all_runs_;                  // every run of a plane, in storage order
};

}  // namespace dermaflux::linear
