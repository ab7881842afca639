#pragma once
// The z-lines of a multigrid level split over ranks whose split cuts z
// (DistributedMultigrid.hpp): a line of the one-process smoother runs through the
// blocks of one column of blocks, and each block holds a segment of it. The
// segments are joined so that a colour's lines are solved exactly, as in one
// process (the partition method for tridiagonal systems: Wang, ACM TOMS 7 (1981)
// 170; the spikes of SPIKE, Polizzi & Sameh, Parallel Comput. 32 (2006) 177):
//
// - Block p's segment solved with no values across its z cuts (the line smoother
//   with the cut faces' t on its diagonal, LevelHalo::refresh without z) is y; the
//   line's solution is u = y + v T_{p-1} + w B_{p+1}, with T_{p-1} the top value
//   of the segment below, B_{p+1} the bottom value of the one above, and the spikes
//   v = S^-1 (t_bottom e_first), w = S^-1 (t_top e_last) of the segment's matrix S,
//   worked out by the smoother itself once per shift.
// - The segments' end values are a tridiagonal system of two unknowns per block,
//   solved by elimination up the column of blocks and substitution down:
//   2 (pz - 1) exchanges of one value pair per line (the bottom block has no v,
//   the top one no w).
// Blocks that share a column of blocks hold the same columns of a level in the
// same storage (their lateral ranges match), so their colours' lines match.

#include <cstddef>
#include <vector>

#include "linear/LineSmoother.hpp"
#include "linear/StencilLevel.hpp"
#include "parallel/FaceExchange.hpp"

namespace dermaflux::linear {

template <typename Real>
class ZLineJoin {
 public:
  // `t_bottom`, `t_top`: the cut z faces' t (i + nx j; empty where not cut);
  // `position` of `parts` blocks along z.
  ZLineJoin(const StencilLevel<Real>& level, std::vector<Real> t_bottom, std::vector<Real> t_top,
            int position, int parts);

  // The spikes for the smoother's current shift (after its set_shift).
  void set_spikes(const LineSmoother<Real>& smoother);
  // After the smoother solved `colour`'s segments into x (without values across
  // the z cuts): their whole lines' solution. Collective among the blocks.
  void join(int colour, Real* x, parallel::FaceExchange& exchange) const;

 private:
  // One exchange of every block: outgoing_[face] (face 4 down, 5 up, -1 none) to
  // the block across it, the other blocks' layers empty; what came back across it.
  const std::vector<double>& swap(int face, parallel::FaceExchange& exchange) const;

  const StencilLevel<Real>& level_;
  std::vector<Real> t_bottom_, t_top_;
  int position_, parts_;
  std::vector<std::vector<std::size_t>> slots_;  // per colour, its columns' plane offsets
  std::vector<Real> v_, w_;                      // the spikes, per cell (empty: no such cut)
  // Per column of the colour joined: the elimination's coefficients.
  mutable std::vector<double> alpha_, beta_, gamma_, delta_, below_gamma_, below_delta_, above_b_;
  mutable parallel::FaceLayers outgoing_, incoming_;
};

}  // namespace dermaflux::linear
