#pragma once
// Our CG with the multigrid for a rank's block of a case split over ranks
// (parallel/Block.hpp), the default StepSolver of split runs (hypre's PFMG-CG
// is `solver.backend: hypre`, the cross-check).
//
// - Matrix-vector product: the block's operator and its cut faces, one layer
//   exchanged with each neighbour per product (CoupledBlockOperator).
// - Preconditioner: our multigrid with its levels split over the same blocks,
//   one-layer halos per level, z-lines joined across z cuts and the coarse levels
//   gathered onto a few coarse ranks (DistributedMultigrid, CoarseAgglomeration):
//   about the one-process iteration count for every split. (Block Jacobi, each
//   rank's one-process multigrid on its block, took 2.5-6 times the iterations
//   where z was cut; RESULTS.md.)
// - Inner products: each rank's sum in fixed chunks (core::deterministic_sum),
//   the ranks' sums added in rank order (core::GlobalSum): a given split gives
//   the same bits on every rerun, every rank the same iterations.

#include <memory>

#include "linear/BlockCoupling.hpp"
#include "linear/DistributedMultigrid.hpp"
#include "linear/StepSolver.hpp"

namespace dermaflux::linear {

class BlockCgSolver final : public StepSolver {
 public:
  // `sum` adds over the ranks in rank order, `pieces` puts the ranks' pieces of a
  // vector together (parallel::world_pieces; `sum` does too, moving more);
  // `transfer` takes the multigrid's coarse level to its coarse ranks (none: to
  // every rank by `pieces`; CoarseAgglomeration.hpp). `block` must outlive this.
  BlockCgSolver(const StencilOperator& block, CgSettings cg, core::GlobalSum sum,
                core::GlobalSum pieces, parallel::FaceLayers faces,
                std::unique_ptr<parallel::FaceExchange> exchange, BlockPlace place,
                std::unique_ptr<parallel::PieceTransfer> transfer = nullptr);
  ~BlockCgSolver() override;

  void update() override { preconditioner_->update(); }
  // The block's stencil changed (reassembled, channel closure): new cut faces.
  void rebuild(parallel::FaceLayers faces);
  SolveStats solve(const Vector& b, Vector& x) override;

  const parallel::FaceExchange& exchange() const { return *exchange_; }

 private:
  const StencilOperator& block_;
  CgSettings cg_;
  core::GlobalSum sum_, pieces_;
  std::unique_ptr<parallel::FaceExchange> exchange_;
  std::unique_ptr<parallel::PieceTransfer> transfer_;
  BlockPlace place_;
  std::unique_ptr<CutFaces> faces_;
  std::unique_ptr<CoupledBlockOperator> coupled_;
  std::unique_ptr<Preconditioner> preconditioner_;
  CgWorkspace workspace_;
};

}  // namespace dermaflux::linear
