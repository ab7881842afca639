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

#include <algorithm>
#include <cstddef>
#include <utility>
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
  // solve is the exact coarsest correction). LineSmootherPivots.cpp.
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
    int stretch = -1;         // its colour's Stretch holding it, if any
  };
  static Run plan_run(const PlaneLayout& layout, int j, int cls);
  // Where the east neighbour of a run's first cell would be, were it interior (the
  // west one is the cell before it: west_shift = east_shift - 1).
  static std::size_t interior_east(const Run& run) {
    return run.other + static_cast<std::size_t>(run.east_shift);
  }
  // Consecutive runs of a colour, runs [first_run, end_run), whose cells follow
  // each other in the plane and whose neighbours lie at one offset from them (north,
  // south; east at `east` or one further on, the west neighbour just before it):
  // relaxed as one loop a plane (spans::relax_span with kEastStep), which saves the
  // per-run work and vector remainders that made short rows cost twice as much a
  // cell (bench_smoother_rows). A three-colour level stores a colour's runs of one
  // class together (PlaneLayout) for them to form; row by row they would alternate
  // between classes whose neighbours lie in different colour blocks (as in a
  // rank's block of a three-colour level, which keeps that order). set_shift's
  // pivots go over the same stretches. `stash`: the cells (offsets in a plane)
  // its edges read of their own colour (their row's other end, across a closed
  // side), kept from before the loop so that the edges, relaxed after it, read
  // what they read run by run.
  struct Stretch {
    int first_run = 0, end_run = 0;
    std::ptrdiff_t east = 0, north = 0, south = 0;  // from the own cell
    std::vector<std::size_t> stash;
  };
  static constexpr std::size_t kStashLimit = 64;
  static std::size_t shifted(std::size_t at, std::ptrdiff_t by) {
    return static_cast<std::size_t>(static_cast<std::ptrdiff_t>(at) + by);
  }
  void plan_stretches();
  // Calls cell(rank, east, west) for a run's edge cells and span(first, count) for
  // its interior, in increasing rank (fast = false: every cell through cell()).
  template <typename Cell, typename Span>
  static void visit(const Run& run, bool fast, Cell&& cell, Span&& span);
  // Runs [begin, end) of a colour in order: alone(run) for a run outside a stretch
  // (or the only one of its stretch in the range), together(first, last, stretch)
  // for runs first..last-1 of a stretch (last clipped to `end`), which runs the
  // stretch's loop and then each_edge over them. The walk the sweeps, the pivots and
  // the restriction share.
  template <typename Alone, typename Together>
  static void walk(const std::vector<Run>& runs, const std::vector<Stretch>& stretches, int begin,
                   int end, Alone&& alone, Together&& together) {
    for (int n = begin; n < end;) {
      const Run& g = runs[static_cast<std::size_t>(n)];
      const Stretch* s = g.stretch < 0 ? nullptr : &stretches[std::size_t(g.stretch)];
      const int last = s ? std::min(s->end_run, end) : n + 1;
      if (last - n < 2) {
        alone(g);
        ++n;
        continue;
      }
      together(n, last, *s);
      n = last;
    }
  }
  // edge(run, edge) for the edge cells of runs [first, last), in the runs' order.
  template <typename Edge>
  static void each_edge(const std::vector<Run>& runs, int first, int last, Edge&& edge) {
    for (int n = first; n < last; ++n) {
      const Run& run = runs[static_cast<std::size_t>(n)];
      for (const auto& e : run.edges) edge(run, e);
    }
  }
  // The cells from runs[first]'s first to runs[last - 1]'s last, in a plane.
  static int cells_of(const std::vector<Run>& runs, int first, int last) {
    const Run& end = runs[static_cast<std::size_t>(last - 1)];
    return static_cast<int>(end.own + static_cast<std::size_t>(end.length) -
                            runs[static_cast<std::size_t>(first)].own);
  }
  void relax_colour(int colour, const Real* b, Real* x) const;
  // The calling thread's share of a colour's runs (core::thread_block), split by
  // cells, not runs: a three-colour level's colour holds its long runs and its
  // one-cell runs (the odd axis' last column) in separate groups (PlaneLayout).
  static std::pair<int, int> thread_runs(const std::vector<Run>& runs) {
    if (runs.empty()) return {0, 0};
    const std::size_t first = runs.front().own;
    const auto [cell_begin, cell_end] = core::thread_block(
        static_cast<int>(runs.back().own + static_cast<std::size_t>(runs.back().length) - first));
    auto run_at = [&](int cell) {
      return static_cast<int>(
          std::partition_point(runs.begin(), runs.end(),
                               [&](const Run& r) { return r.own - first < std::size_t(cell); }) -
          runs.begin());
    };
    return {run_at(cell_begin), run_at(cell_end)};
  }

  const StencilLevel<Real>& level_;
  double shift_ = 0.0;
  core::StaggeredVector<Real> inverse_pivot_;  // Thomas factorisation of every column
  std::vector<double> single_column_pivot_;    // the same in double, one-column levels
  std::vector<std::vector<Run>> runs_;         // per colour, in storage order
  // Per colour whose runs are not stored in their rows' order (PlaneLayout: three
  // colours), the runs in rows' order (indices into runs_), else empty: the
  // restriction sums in that order, the same bits for either layout.
  std::vector<std::vector<int>> row_order_;
  std::vector<std::vector<Stretch>> stretches_;  // per colour, in the order of its runs
  std::vector<int> east_step_;     // per cell of a plane in a stretch: 0 or 1 (LineSpans.hpp)
  std::vector<char> runs_follow_;  // per colour: its runs' cells follow each other
};

template <typename Real>
template <typename Cell, typename Span>
void LineSmoother<Real>::visit(const Run& run, bool fast, Cell&& cell, Span&& span) {
  if (!fast || run.interior == 0) {
    // Every cell from the layout: the edges as listed, the interior at the shifts.
    std::size_t e = 0;
    for (int r = 0; r < run.length; ++r) {
      if (e < run.edges.size() && run.edges[e].rank == r) {
        cell(r, run.edges[e].east, run.edges[e].west);
        ++e;
      } else {
        const auto ru = static_cast<std::size_t>(r);
        cell(r, run.other + ru + static_cast<std::size_t>(run.east_shift),
             run.other + ru - static_cast<std::size_t>(-run.west_shift));
      }
    }
    return;
  }
  std::size_t e = 0;
  for (; e < run.edges.size() && run.edges[e].rank < run.first_interior; ++e)
    cell(run.edges[e].rank, run.edges[e].east, run.edges[e].west);
  span(run.first_interior, run.interior);
  for (; e < run.edges.size(); ++e) cell(run.edges[e].rank, run.edges[e].east, run.edges[e].west);
}

}  // namespace dermaflux::linear
