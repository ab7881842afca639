#pragma once
// Our multigrid over a case split over ranks in blocks (parallel/Block.hpp):
// one V-cycle of the one-process preconditioner (Multigrid.hpp) with its levels
// distributed over the same blocks, the preconditioner of BlockCgSolver.
//
// - Levels: each rank holds its block of every level, the block's fine cells
//   coarsened (LevelHalo.hpp: SplitAxis), with the cut faces' t on its diagonal.
// - Smoother: the one-process coloured z-line Gauss-Seidel, each column coloured by
//   its place in the whole level (PlaneLayout::Place); one cell layer is
//   exchanged with every neighbour before each colour and before the residual
//   (LevelHalo::refresh), so the lines of a colour see their neighbours' latest
//   values across the cuts as in one process (8 exchanges per level and cycle with
//   two sweeps: the first colour of a cycle starts from zeros and needs none).
//   Where the split cuts z, each colour's line segments are joined across the
//   cuts after their solve (ZLineJoin: 2 (pz - 1) more exchanges per colour), so
//   the lines are the one-process ones there too.
// - Agglomeration: once the whole level holds at most kGatherCells cells (or its
//   blocks cannot coarsen further), it is put together on a few coarse ranks
//   (round(sqrt(P)) of P by default, DERMAFLUX_COARSE_RANKS), which run the
//   one-process V-cycle from that level down (LevelChain) and send each rank its
//   part of the correction (CoarseAgglomeration.hpp); the same bits whatever the
//   number of coarse ranks, every rank included.
//   z is never coarsened: every level's blocks keep the fine blocks' planes.
// The coarse levels are the one-process ones where every block's cells pair up
// as the whole level's do (even block widths); elsewhere a block pairs its own
// cells, the coarse grid differs slightly and CG needs a few more iterations.

#include <memory>
#include <vector>

#include "linear/CoarseAgglomeration.hpp"
#include "linear/LinearOperator.hpp"
#include "linear/StencilOperator.hpp"
#include "parallel/FaceExchange.hpp"

namespace dermaflux::linear {

// Where a rank's block lies: the split and the whole grid's lateral widths.
struct BlockPlace {
  parallel::Block block;
  std::vector<double> whole_dx_m, whole_dy_m;
};

class DistributedMultigrid final : public Preconditioner {
 public:
  // At most this many cells in a whole level: gathered (see above).
  static constexpr std::size_t kGatherCells = 16384;

  // `block`'s operator is closed at its cut faces, whose t `cut_faces` holds
  // (BlockCoupling.hpp); `coarse` says how the coarse level travels: a sum of
  // pieces alone (parallel::world_pieces, or a rank-ordered sum) puts it together
  // on every rank. Collective: every rank makes one at the same point. None is
  // owned; all must outlive this.
  DistributedMultigrid(const StencilOperator& block, const parallel::FaceLayers& cut_faces,
                       const BlockPlace& place, parallel::FaceExchange& exchange,
                       const CoarseTransport& coarse, int sweeps = 2);
  ~DistributedMultigrid() override;

  std::size_t size() const override { return block_.size(); }
  void update() override;
  // Levels held split over the ranks, and all levels.
  int split_levels() const;
  int levels() const;

  class Hierarchy;

 private:
  void apply_impl(const Vector& r, Vector& z) const override;

  const StencilOperator& block_;
  std::unique_ptr<Hierarchy> hierarchy_;
  double factored_shift_ = -1.0;
};

}  // namespace dermaflux::linear
