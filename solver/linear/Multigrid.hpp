#pragma once
// Multigrid preconditioner for the implicit-step operator S = shift * C + A on the
// layered rectilinear grid: one symmetric V-cycle per application.
//
// - Smoother: multicolour z-line Gauss-Seidel (LineSmoother), forward before the
//   coarse correction and backward after it, so the cycle is symmetric.
// - Coarse grids: lateral 2 x 2 merging of columns, every z-plane kept
//   (StencilLevel::coarsen), down to a single column, which is solved exactly.
// - Transfer: restriction sums the residual over merged columns; prolongation
//   adds the coarse correction to each of them (its transpose; LateralTransfer).
// With R = P^T, an SPD coarse operator and symmetric smoothing the cycle is an
// SPD operator, as conjugate gradients needs. The hierarchy depends on the
// stencil; update() refactors it for a new shift in O(cells).

#include <memory>
#include <vector>

#include "linear/LateralTransfer.hpp"
#include "linear/LineSmoother.hpp"
#include "linear/LinearOperator.hpp"
#include "linear/StencilLevel.hpp"
#include "operator/DiffusionOperator.hpp"

namespace dermaflux::linear {

struct MultigridSettings {
  // Forward sweeps before the coarse correction, backward sweeps after. Two: on the
  // benchmark cell PCG then needs 9-14 iterations per solve instead of 16-32 with
  // one, for less time in all.
  int smoothing_sweeps = 2;
};

class MultigridPreconditioner final : public Preconditioner {
 public:
  MultigridPreconditioner(const op::DiffusionOperator& system, MultigridSettings settings = {});

  std::size_t size() const override { return system_.size(); }
  // Takes the operator's current shift. Call rebuild() instead when its stencil changed.
  void update() override;
  // Rebuilds the whole hierarchy from the operator's current stencil.
  void rebuild();

  int levels() const { return static_cast<int>(levels_.size()); }
  const StencilLevel& level(int l) const { return *levels_[static_cast<std::size_t>(l)]; }

 private:
  void apply_impl(const Vector& r, Vector& z) const override;
  void cycle(std::size_t l, const double* b, double* x) const;

  const op::DiffusionOperator& system_;
  MultigridSettings settings_;
  std::vector<std::unique_ptr<StencilLevel>> levels_;
  std::vector<std::unique_ptr<LineSmoother>> smoothers_;
  std::vector<std::unique_ptr<LateralTransfer>> transfers_;  // level l to l + 1
  // Work vectors per level: residual, coarse right-hand side and correction.
  mutable std::vector<std::vector<double>> residual_, coarse_rhs_, coarse_x_;
};

}  // namespace dermaflux::linear
