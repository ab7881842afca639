#include "linear/BlockCgSolver.hpp"

namespace dermaflux::linear {

BlockCgSolver::BlockCgSolver(const StencilOperator& block, CgSettings cg, core::GlobalSum sum,
                             core::GlobalSum pieces, parallel::FaceLayers faces,
                             std::unique_ptr<parallel::FaceExchange> exchange, BlockPlace place,
                             std::unique_ptr<parallel::PieceTransfer> transfer)
    : block_(block),
      cg_(cg),
      sum_(std::move(sum)),
      pieces_(std::move(pieces)),
      exchange_(std::move(exchange)),
      transfer_(std::move(transfer)),
      place_(std::move(place)) {
  rebuild(std::move(faces));
}

BlockCgSolver::~BlockCgSolver() = default;

void BlockCgSolver::rebuild(parallel::FaceLayers faces) {
  preconditioner_.reset();  // the old hierarchy goes before the new one is made
  const parallel::FaceLayers cut = faces;
  faces_ = std::make_unique<CutFaces>(block_, std::move(faces));
  coupled_ = std::make_unique<CoupledBlockOperator>(block_, *faces_, *exchange_);
  preconditioner_ = std::make_unique<DistributedMultigrid>(
      block_, cut, place_, *exchange_, CoarseTransport(pieces_, transfer_.get()));
}

SolveStats BlockCgSolver::solve(const Vector& b, Vector& x) {
  return conjugate_gradient(*coupled_, *preconditioner_, b, x, cg_, &workspace_, sum_);
}

}  // namespace dermaflux::linear
