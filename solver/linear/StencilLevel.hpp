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
// Coarsening (coarsen()) merges 2 x 2 columns laterally and keeps every z-plane:
// layered skin has its strongest and most irregular couplings along z, which the
// z-line smoother solves exactly, so only x and y need coarse grids (semi-
// coarsening with line relaxation, as in Dendy's black-box multigrid and hypre's
// PFMG). Coarse capacities and z-transmissibilities are sums over the merged
// columns; a coarse lateral transmissibility is the sum of the fine ones across the
// coarse face scaled by (fine centre distance / coarse centre distance) — the
// transmissibility a rediscretisation on the coarse cells would give in a uniform
// medium. Plain sums (the Galerkin operator of piecewise-constant interpolation)
// would make lateral couplings twice too strong on every level.

#include <cstddef>
#include <vector>

#include "core/StaggeredAllocator.hpp"
#include "linear/PlaneLayout.hpp"
#include "operator/DiffusionOperator.hpp"

namespace dermaflux::linear {

template <typename Real>
struct StencilLevel {
  int nx = 0, ny = 0, nz = 0;
  bool periodic = false;
  std::vector<double> dx, dy;  // lateral cell widths, for the coarse scaling
  PlaneLayout layout;          // where a plane's cells are stored
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

// The operator's stencil as the finest level (copied into the level's layout).
template <typename Real>
StencilLevel<Real> fine_level(const op::DiffusionOperator& system);

// The next coarser level: ceil(n/2) columns in each lateral direction with more
// than one column.
template <typename Real>
StencilLevel<Real> coarsen(const StencilLevel<Real>& fine);

}  // namespace dermaflux::linear
