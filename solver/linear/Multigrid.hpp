#pragma once
// Multigrid preconditioner for the implicit-step operator S = shift * C + A on the
// layered rectilinear grid: one symmetric V-cycle per application.
//
// - Smoother: multicolour z-line Gauss-Seidel (LineSmoother), forward before the
//   coarse correction and backward after it, so the cycle is symmetric.
// - Coarse grids: neighbouring columns merged in pairs laterally (2 x 2, or only
//   the narrow ones on a strongly graded level), every z-plane kept
//   (StencilLevel: coarsen), down to a single column, which is solved exactly.
// - Transfer: restriction sums the residual over merged columns; prolongation
//   adds the coarse correction to each of them (its transpose; LateralTransfer).
// With R = P^T, an SPD coarse operator and symmetric smoothing the cycle is an
// SPD operator, as conjugate gradients needs.
//
// The hierarchy keeps its own copy of the stencil in colour blocks, in single
// precision by default (StencilLevel.hpp says why): the residual comes in and the
// correction goes out in double, in the operator's order. update() refactors the
// smoothers for a new shift in O(cells); rebuild() copies a changed stencil.

#include <memory>
#include <optional>

#include "linear/LinearOperator.hpp"
#include "linear/StencilOperator.hpp"

namespace dermaflux::linear {

struct MultigridSettings {
  // Forward sweeps before the coarse correction, backward sweeps after. Two: on the
  // benchmark cell PCG then needs 9-14 iterations per solve instead of 16-32 with
  // one, for less time in all.
  int smoothing_sweeps = 2;
  // Hierarchy in float (half the memory traffic of double; see RESULTS.md for the
  // measurement) or in double.
  bool single_precision = true;
};

class MultigridPreconditioner final : public Preconditioner {
 public:
  // Reads the stencil's coefficients (StencilOperator::stencil()) on rebuild() and
  // its shift on update().
  MultigridPreconditioner(const StencilOperator& system, MultigridSettings settings = {});
  ~MultigridPreconditioner() override;

  std::size_t size() const override { return system_.size(); }
  // Takes the operator's current shift (nothing to do when it is the last one's).
  // Call rebuild() instead when its stencil changed.
  void update() override;
  // Rebuilds the whole hierarchy from the operator's current stencil.
  void rebuild();

  int levels() const;

  // The hierarchy of one precision (Multigrid.cpp).
  class Hierarchy;

 private:
  void apply_impl(const Vector& r, Vector& z) const override;
  void apply_in_team_impl(const Vector& r, Vector& z) const override;

  const StencilOperator& system_;
  MultigridSettings settings_;
  std::unique_ptr<Hierarchy> hierarchy_;
  std::optional<double> factored_shift_;  // the smoothers' factors are for it
};

}  // namespace dermaflux::linear
