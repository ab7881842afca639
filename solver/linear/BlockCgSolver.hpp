#pragma once
// Our CG with the multigrid for a rank's block of a case split over ranks
// (parallel/Block.hpp), the default StepSolver of split runs (hypre's PFMG-CG
// is `solver.backend: hypre`, the cross-check).
//
// - Matrix-vector product: the block's operator and its cut faces, one layer
//   exchanged with each neighbour per product (CoupledBlockOperator).
// - Preconditioner: our multigrid on the block's diagonal block of the whole
//   operator (BlockDiagonalStencil): each rank's V-cycle is the one-process one on
//   its cells, z-lines and all, with no messages; block Jacobi across the ranks.
// - Inner products: each rank's sum in fixed chunks (core::deterministic_sum),
//   the ranks' sums added in rank order (core::GlobalSum): a given split gives
//   the same bits on every rerun, every rank the same iterations.

#include <memory>

#include "linear/BlockCoupling.hpp"
#include "linear/Multigrid.hpp"
#include "linear/StepSolver.hpp"

namespace dermaflux::linear {

class BlockCgSolver final : public StepSolver {
 public:
  // `sum` adds over the ranks. `block` must outlive this.
  BlockCgSolver(const StencilOperator& block, CgSettings cg, core::GlobalSum sum,
                parallel::FaceLayers faces, std::unique_ptr<parallel::FaceExchange> exchange);
  ~BlockCgSolver() override;

  void update() override { multigrid_->update(); }
  // The block's stencil changed (reassembled, channel closure): new cut faces.
  void rebuild(parallel::FaceLayers faces);
  SolveStats solve(const Vector& b, Vector& x) override;

  const parallel::FaceExchange& exchange() const { return *exchange_; }

 private:
  const StencilOperator& block_;
  CgSettings cg_;
  core::GlobalSum sum_;
  std::unique_ptr<parallel::FaceExchange> exchange_;
  std::unique_ptr<CutFaces> faces_;
  std::unique_ptr<CoupledBlockOperator> coupled_;
  std::unique_ptr<BlockDiagonalStencil> diagonal_;
  std::unique_ptr<MultigridPreconditioner> multigrid_;
  CgWorkspace workspace_;
};

}  // namespace dermaflux::linear
