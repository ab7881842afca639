#pragma once
// Grid transfer between a multigrid level and the next coarser one (columns
// merged in pairs along x and y, StencilLevel.hpp; every z-plane kept):
// prolongation P gives every fine column its coarse column's correction (piecewise
// constant, as in aggregation multigrid) and restriction, its transpose, sums the residual over the
// merged columns, so the V-cycle stays symmetric for conjugate gradients.
//
// Why constant and not linear: interpolating linearly between coarse centres
// (tensor product, from the graded centres; also tried with weights scaled by the
// face transmissibilities) needs fewer iterations on smooth meshes, but across the
// 10^4 jump at a channel wall and where lateral cells are much finer than vertical
// ones (the dermis of a default mesh) its iteration count grows under refinement
// (PCG on a channelled cell, 1 h steps, 125k/500k/2M cells: 11/15/17 operator-
// weighted, 17/33/67 geometric), while constant interpolation with two smoothing
// sweeps stays at 10/10/10. Robustness first.

#include <vector>

#include "linear/StencilLevel.hpp"

namespace dermaflux::linear {

template <typename Real>
class LateralTransfer {
 public:
  LateralTransfer(const StencilLevel<Real>& fine, const StencilLevel<Real>& coarse);

  // Restriction, coarse_b = P^T fine_r, is done by the line smoother as it computes
  // the residual (LineSmoother::restrict_residual), through these slots.
  // Per cell of a fine plane, in storage order: where its coarse cell is stored.
  const std::size_t* coarse_slots() const { return coarse_slot_.data(); }
  std::size_t coarse_plane() const { return coarse_.columns(); }
  // fine_x += P coarse_x.
  void add_prolonged(const Real* coarse_x, Real* fine_x) const;
  // The same by every thread of an enclosing region (core/Team.hpp).
  void add_prolonged_in_team(const Real* coarse_x, Real* fine_x) const;

 private:
  const StencilLevel<Real>& fine_;
  const StencilLevel<Real>& coarse_;
  // Per cell of a fine plane, in storage order: where its coarse cell is stored in
  // a coarse plane.
  std::vector<std::size_t> coarse_slot_;
};

}  // namespace dermaflux::linear
