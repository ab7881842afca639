#pragma once
// A rank's block of a case split over ranks (parallel/Block.hpp) as our solver
// sees it. The block's operator (op::DiffusionOperator on model::BlockProblem) is
// closed where the block meets its neighbours; the transmissibilities of those cut
// faces (model::BlockProblem::faces) join the blocks:
// - CoupledBlockOperator: the whole operator's rows of the block's cells, the
//   matrix-vector product CG needs: the block's own product plus, for every cut
//   face, t (x_cell - x_neighbour) with the neighbour's value from the exchanged
//   layer (parallel::FaceExchange). (The preconditioner takes the cut faces' t
//   itself: linear/DistributedMultigrid.hpp.)

#include <array>
#include <vector>

#include "linear/StencilOperator.hpp"
#include "parallel/FaceExchange.hpp"

namespace dermaflux::linear {

// The cut faces of a block: per face (parallel::FaceLayers order), the block's
// cells next to it and the faces' transmissibilities, in the face's order.
class CutFaces {
 public:
  CutFaces(const StencilOperator& block, parallel::FaceLayers transmissibility);
  const std::vector<std::size_t>& cells(int face) const { return cells_[face]; }
  const std::vector<double>& transmissibility(int face) const { return t_[face]; }

 private:
  std::array<std::vector<std::size_t>, 6> cells_;
  parallel::FaceLayers t_;
};

class CoupledBlockOperator final : public LinearOperator {
 public:
  // None is owned; all must outlive this.
  CoupledBlockOperator(const StencilOperator& block, const CutFaces& faces,
                       parallel::FaceExchange& exchange)
      : block_(block), faces_(faces), exchange_(exchange) {}
  std::size_t size() const override { return block_.size(); }

 private:
  void apply_impl(const Vector& x, Vector& y) const override;
  const StencilOperator& block_;
  const CutFaces& faces_;
  parallel::FaceExchange& exchange_;
  mutable parallel::FaceLayers outgoing_, incoming_;
};

}  // namespace dermaflux::linear
