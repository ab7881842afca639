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
// - The segments' end values are a tridiagonal system of two unknowns per block
//   (the bottom block has no v, the top one no w), solved by elimination from
//   both ends of the column of blocks at once (a twisted factorisation): block p
//   sends up T_p = gamma + delta B_{p+1} (the blocks below eliminated) and down
//   B_p = eps + zeta T_{p-1} (those above eliminated), each as soon as it has its
//   side's, and solves its own two once it has both: pz - 1 exchanges of a value
//   pair per line and colour (one where z is cut once).
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
  // One round: every block sends its pair (up, down) to the blocks that wait for
  // one, with the other way empty layers of the same size, and keeps what came.
  void round(int step, std::size_t lines, parallel::FaceExchange& exchange) const;

  const StencilLevel<Real>& level_;
  std::vector<Real> t_bottom_, t_top_;
  int position_, parts_;
  std::vector<std::vector<std::size_t>> slots_;  // per colour, its columns' plane offsets
  std::vector<Real> v_, w_;                      // the spikes, per cell (empty: no such cut)
  // Per line of the colour joined: its ends y, the pairs from below (T_{p-1} =
  // gamma + delta B_p) and above (B_{p+1} = eps + zeta T_p), its own to send.
  mutable std::vector<double> below_, above_, up_, down_;
  mutable parallel::FaceLayers outgoing_, incoming_;
};

}  // namespace dermaflux::linear
