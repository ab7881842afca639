#include "linear/BlockCgSolver.hpp"

namespace dermaflux::linear {

BlockCgSolver::BlockCgSolver(const StencilOperator& block, CgSettings cg, core::GlobalSum sum,
                             parallel::FaceLayers faces,
                             std::unique_ptr<parallel::FaceExchange> exchange)
    : block_(block), cg_(cg), sum_(std::move(sum)), exchange_(std::move(exchange)) {
  rebuild(std::move(faces));
}

BlockCgSolver::~BlockCgSolver() = default;

void BlockCgSolver::rebuild(parallel::FaceLayers faces) {
  multigrid_.reset();  // the old hierarchy goes before the new one is made
  faces_ = std::make_unique<CutFaces>(block_, std::move(faces));
  coupled_ = std::make_unique<CoupledBlockOperator>(block_, *faces_, *exchange_);
  diagonal_ = std::make_unique<BlockDiagonalStencil>(block_, *faces_);
  multigrid_ = std::make_unique<MultigridPreconditioner>(*diagonal_);
}

SolveStats BlockCgSolver::solve(const Vector& b, Vector& x) {
  return conjugate_gradient(*coupled_, *multigrid_, b, x, cg_, &workspace_, sum_);
}

}  // namespace dermaflux::linear
