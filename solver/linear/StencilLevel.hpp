#pragma once
// One level of the multigrid hierarchy: a 7-point stencil on nx x ny columns of nz
// cells, stored like DiffusionOperator (capacity, static diagonal, transmissibility
// to the +x/+y/+z neighbour, 0 across closed boundaries, the wrap face last in a
// periodic direction) plus the lateral cell widths the coarsening needs.
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

namespace dermaflux::linear {

struct StencilLevel {
  int nx = 0, ny = 0, nz = 0;
  bool periodic = false;
  std::vector<double> dx, dy;  // lateral cell widths, for the coarse scaling
  // The coefficients, per cell. The finest level views the operator's arrays (no
  // copy); coarser levels point into their own `storage`.
  const double* capacity = nullptr;
  const double* static_diagonal = nullptr;
  const double* tx = nullptr;
  const double* ty = nullptr;
  const double* tz = nullptr;
  std::vector<double> storage;

  StencilLevel() = default;
  StencilLevel(const StencilLevel&) = delete;  // the views would point into the original
  StencilLevel& operator=(const StencilLevel&) = delete;
  StencilLevel(StencilLevel&&) = default;  // moving a vector keeps its buffer
  StencilLevel& operator=(StencilLevel&&) = default;

  std::size_t size() const {
    return static_cast<std::size_t>(nx) * static_cast<std::size_t>(ny) *
           static_cast<std::size_t>(nz);
  }
  std::size_t columns() const {
    return static_cast<std::size_t>(nx) * static_cast<std::size_t>(ny);
  }
};

// The next coarser level: ceil(n/2) columns in each lateral direction with more
// than one column.
StencilLevel coarsen(const StencilLevel& fine);

}  // namespace dermaflux::linear
