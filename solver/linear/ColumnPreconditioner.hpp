#pragma once
// Block-Jacobi preconditioner with one block per vertical column: each column's
// tridiagonal part of S = shift * Capacity + A (all z-couplings, the full
// diagonal) is solved exactly by the Thomas algorithm.
//
// Why columns: skin is layered, and cells are far thinner vertically (a few um
// in the stratum corneum) than laterally (10 um), so the z-couplings dominate the
// operator; lines along the strong direction are what line relaxation in
// multigrid (hypre PFMG, HPGMG) also takes. For laterally uniform fields (intact
// skin) it is the exact inverse. SPD because the blocks are SPD.

#include <vector>

#include "linear/LinearOperator.hpp"
#include "operator/DiffusionOperator.hpp"

namespace dermaflux::linear {

class ColumnPreconditioner final : public Preconditioner {
 public:
  explicit ColumnPreconditioner(const op::DiffusionOperator& system);

  std::size_t size() const override { return system_.size(); }
  // Refactors the columns for the operator's current shift.
  void update() override;

 private:
  void apply_impl(const Vector& r, Vector& z) const override;

  const op::DiffusionOperator& system_;
  std::vector<double> inverse_pivot_;  // 1 / m_k of the LU factorisation, per cell
};

}  // namespace dermaflux::linear
