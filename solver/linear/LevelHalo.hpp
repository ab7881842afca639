#pragma once
// One level of a multigrid hierarchy split over ranks (DistributedMultigrid.hpp):
// where the rank's block of the level sits in the whole level, and its cut
// faces with the one cell layer across each that its neighbours hold.
//
// - SplitAxis: one lateral axis of the whole level (its widths, where every block
//   begins) and this block's cells along it. Every rank coarsens the whole axes the
//   same way (choose_coarsening with the blocks' starts as cuts: no pair of columns
//   straddles two blocks), so neighbours' coarse faces match and each block's
//   coarse cells are the whole coarse level's cells over its range.
// - LevelHalo: per cut face (x faces 0, 1; y faces 2, 3; z faces 4, 5 where the
//   split cuts z; parallel::FaceLayers order) the block's cells next to it in the
//   level's storage and the faces' transmissibilities. Before a colour of the
//   line smoother, and before the residual, refresh() exchanges the layer and
//   moves the neighbours' current values to the right-hand side, b_halo = b + t
//   x_across: the block's lines then see what a line of one process sees, as the
//   cut faces' t sit in the block's diagonal (its sinks). A coarse lateral face's
//   t is the sum of the fine ones across it scaled as StencilLevel's coarsen()
//   scales an inner face; a coarse z face's is the sum over the merged columns, as
//   coarsen() sums tz. Across a z cut the smoother's lines are joined by
//   ZLineJoin (the colours' refreshes leave the z faces out); the residual takes
//   them.

#include <array>
#include <cstddef>
#include <vector>

#include "linear/StencilLevel.hpp"
#include "parallel/FaceExchange.hpp"

namespace dermaflux::linear {

struct SplitAxis {
  std::vector<double> whole_widths;  // the whole level's cells along the axis
  std::vector<int> cuts;             // where the blocks after the first begin
  int begin = 0, end = 0;            // this block's cells

  int whole_count() const { return static_cast<int>(whole_widths.size()); }
  // The next level's axis when the whole axis coarsens as `whole` says.
  SplitAxis coarsened(const AxisCoarsening& whole) const;
  // This block's part of `whole` (a fine axis's coarsening), in its own indices.
  AxisCoarsening block_part(const AxisCoarsening& whole, const SplitAxis& coarse) const;
  // The scale coarsen() gives the face on the block's lower (upper) side, which
  // `whole` coarsens from this axis to `coarse`.
  double face_scale(const AxisCoarsening& whole, const SplitAxis& coarse, bool upper) const;
};

template <typename Real>
class LevelHalo {
 public:
  static constexpr std::size_t kFaces = 6;
  using Faces = std::array<std::vector<Real>, kFaces>;

  // `t` per face in the face's order (x faces: j + ny k; y faces: i + nx k; z
  // faces: i + nx j), empty where the block is not cut.
  LevelHalo(const StencilLevel<Real>& level, Faces t);
  // The faces of `coarse`, made from `fine` by `x` and `y` (SplitAxis); `scale`
  // per lateral face (face_scale).
  static Faces coarse_faces(const LevelHalo& fine, const StencilLevel<Real>& coarse,
                            const std::array<double, 4>& scale);

  // sinks += t of every cut face: the block's diagonal as the whole level's.
  void add_to_diagonal(StencilLevel<Real>& level) const;
  // b_halo = b + t x_across at every cut face's cell (b_halo equals b elsewhere);
  // without `across_z` only across the lateral faces (ZLineJoin joins the z-lines).
  void refresh(const Real* b, const Real* x, Real* b_halo, parallel::FaceExchange& exchange,
               bool across_z = true) const;

  const std::vector<Real>& t(int face) const { return t_[static_cast<std::size_t>(face)]; }
  bool empty() const;

 private:
  // A z face's t on `coarse` from the fine level's (`coarse.from_x`, `from_y`).
  static std::vector<Real> coarse_z_face(const std::vector<Real>& fine,
                                         const StencilLevel<Real>& coarse);

  std::array<std::vector<std::size_t>, kFaces> cells_;  // per face, in the face's order
  Faces t_;
  mutable parallel::FaceLayers outgoing_, incoming_;
};

}  // namespace dermaflux::linear
