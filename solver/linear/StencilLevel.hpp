#pragma once
// One level of the multigrid hierarchy: a 7-point stencil on nx x ny columns of nz
// cells: capacity, sinks (what the diagonal holds beyond the six faces: boundary
// conductances and clearance), transmissibility to the +x/+y/+z neighbour (0 across
// closed boundaries, the wrap face last in a periodic direction), plus the lateral
// cell widths the coarsening needs. The diagonal is shift * capacity + sinks + the
// faces: kept apart, the sinks are sums of non-negative terms on every level in any
// precision, where a stored diagonal minus its faces would leave rounding noise that
// can make a single-precision coarse operator indefinite at long steps.
//
// Two differences from the operator's storage, both for the line smoother's memory
// traffic, which dominates a V-cycle:
// - Colour blocks: inside every plane the cells are grouped by the smoother's
//   colour (PlaneLayout), so a colour pass streams through one contiguous block
//   per plane of every array instead of every cache line for every other cell.
// - Real = float (MultigridSettings::single_precision): half the bytes again. The
//   preconditioner only has to be a fixed SPD approximation of the inverse; CG
//   stays in double and converges to the same tolerance.
//
// Coarsening (coarsen()) merges columns laterally and keeps every z-plane:
// layered skin has its strongest and most irregular couplings along z, which the
// z-line smoother solves exactly, so only x and y need coarse grids (semi-
// coarsening with line relaxation, as in Dendy's black-box multigrid and hypre's
// PFMG). A level whose lateral cells are nearly uniform (widest / narrowest at
// most kGradedRatio) merges them 2:1 in x and in y. On a strongly graded level —
// needle bands make cells narrow in x and wide in y, a strip coupled far more
// strongly along x, which point-wise lateral smoothing leaves rough in y — it
// merges a pair of neighbours only if together they are at most kPairWidthLimit
// times the narrowest cell: the narrow cells merge first and the wide ones wait,
// so the coarse grid still holds the modes the smoother cannot reach (semi-
// coarsening in the direction of strong coupling, strip by strip). On the quick-
// start's mesh with 2.75 um cells in its channel band this takes PCG from 42-47
// iterations to 8-10; uniform 2:1 on nearly uniform levels keeps coarse levels
// shrinking four-fold, as their cost needs (RESULTS.md).
// Coarse capacities and z-transmissibilities are sums over the merged
// columns; a coarse lateral transmissibility is the sum of the fine ones across the
// coarse face scaled by (fine centre distance / coarse centre distance) — the
// transmissibility a rediscretisation on the coarse cells would give in a uniform
// medium. Plain sums (the Galerkin operator of piecewise-constant interpolation)
// would make lateral couplings twice too strong on every level.

#include <cstddef>
#include <vector>

#include "core/StaggeredAllocator.hpp"
#include "linear/PlaneLayout.hpp"
#include "stencil/StencilView.hpp"

namespace dermaflux::linear {

// How one lateral axis of a level maps to the next coarser one: every coarse cell
// is one fine cell or two neighbours (never merged across a periodic wrap).
struct AxisCoarsening {
  std::vector<int> parent;       // per fine cell: its coarse cell
  std::vector<int> first, last;  // per coarse cell: its fine cells first..last
  std::vector<double> widths;    // per coarse cell
  std::size_t coarse_count() const { return widths.size(); }
};

// Pairs neighbouring cells, left to right, whose joint width is at most
// `max_pair_width` (infinite: all of them, 2:1 coarsening), never a cell with the
// one before a segment start (`cuts`, increasing: where a rank's block begins, so
// that every block coarsens on its own and its coarse faces meet its neighbours').
AxisCoarsening coarsen_axis(const std::vector<double>& widths, double max_pair_width,
                            const std::vector<int>& cuts = {});

// Both lateral axes of a level's next coarsening (which columns merge, see above),
// from the whole level's widths: the same on every rank of a split level.
struct LateralCoarsening {
  AxisCoarsening x, y;
};
LateralCoarsening choose_coarsening(const std::vector<double>& dx, const std::vector<double>& dy,
                                    const std::vector<int>& x_cuts = {},
                                    const std::vector<int>& y_cuts = {});

inline constexpr double kGradedRatio = 3.0;
inline constexpr double kPairWidthLimit = 3.0;

template <typename Real>
struct StencilLevel {
  int nx = 0, ny = 0, nz = 0;
  bool periodic = false;
  std::vector<double> dx, dy;  // lateral cell widths, for the coarse scaling
  // How this level came from the finer one (empty on the finest level).
  AxisCoarsening from_x, from_y;
  PlaneLayout layout;  // where a plane's cells are stored
  // Per cell, at index(i, j, k).
  core::StaggeredVector<Real> capacity, sinks, tx, ty, tz;

  std::size_t size() const {
    return static_cast<std::size_t>(nx) * static_cast<std::size_t>(ny) *
           static_cast<std::size_t>(nz);
  }
  std::size_t columns() const {
    return static_cast<std::size_t>(nx) * static_cast<std::size_t>(ny);
  }
  std::size_t index(int i, int j, int k) const {
    return columns() * static_cast<std::size_t>(k) + layout.index(i, j);
  }
};

// The operator's stencil as the finest level (copied into the level's layout:
// `layout`, or by default the one-process one).
template <typename Real>
StencilLevel<Real> fine_level(const stencil::StencilView& system,
                              const PlaneLayout* layout = nullptr);

// The next coarser level (see above for which columns merge).
template <typename Real>
StencilLevel<Real> coarsen(const StencilLevel<Real>& fine);
// The same with the columns merged as `axes` says, stored in `layout` (nullptr:
// the one-process one).
template <typename Real>
StencilLevel<Real> coarsen(const StencilLevel<Real>& fine, const LateralCoarsening& axes,
                           const PlaneLayout* layout);

}  // namespace dermaflux::linear
