#pragma once
// The coarse level of our multigrid split over ranks (DistributedMultigrid.hpp),
// put together whole on a few coarse ranks and cycled there with the one-process
// chain (LevelChain), each rank receiving its part of the correction back.
//
// - Coarse ranks: C of the P ranks, each the first of a group of G = ceil(P / C)
//   neighbouring ranks (ranks 0, G, 2G, ...). Default C = round(sqrt(P)): a coarse
//   rank handles 2 (G - 1) messages from and to its group and 2 (C - 1) to and from
//   the other coarse ranks per V-cycle, fewest at G = C = sqrt(P); rank 0 alone on
//   2 ranks, 2 coarse ranks on 3 to 6, 64 on 4 096. On 2 ranks this is one message
//   per rank and V-cycle, as the sum of pieces, with a quarter of its bytes (half
//   the level each way in float, against the whole level in double), and rank 1
//   does not cycle (RESULTS.md). DERMAFLUX_COARSE_RANKS=N (the same on every rank)
//   chooses N (at least 1), `all` every rank.
// - Set-up: each rank sends its piece's coefficients and where its cells lie in the
//   whole level to its coarse rank; the coarse ranks pass their groups' pieces to
//   each other, so each holds the whole level. Each V-cycle the same with the
//   right-hand side; each coarse rank cycles the whole level and sends each rank of
//   its group its part of the correction (a scatter). The other ranks wait.
// - Every rank (C >= P): the path before agglomeration; every rank gets the whole
//   level by one sum of pieces that do not overlap (an MPI_Allreduce, `pieces`) and
//   cycles it, no scatter.
// Both put every value in its place unchanged (a piece's value plus zeros, as the
// sum does, -0 becoming +0): the same level and correction bit for bit whatever C.

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include "core/GlobalSum.hpp"
#include "linear/LevelChain.hpp"
#include "parallel/PieceTransfer.hpp"

namespace dermaflux::linear {

// How the coarse level travels (see above). From a sum alone: every rank.
struct CoarseTransport {
  CoarseTransport(core::GlobalSum sum_of_pieces) : pieces(std::move(sum_of_pieces)) {}
  CoarseTransport(core::GlobalSum sum_of_pieces, parallel::PieceTransfer* to_coarse_ranks,
                  int coarse = 0)
      : pieces(std::move(sum_of_pieces)), transfer(to_coarse_ranks), coarse_ranks(coarse) {}

  core::GlobalSum pieces;                       // puts pieces together on every rank
  parallel::PieceTransfer* transfer = nullptr;  // none: every rank
  int coarse_ranks = 0;                         // 0: DERMAFLUX_COARSE_RANKS, else the rule
};

// How many of `ranks` ranks cycle the coarse level: DERMAFLUX_COARSE_RANKS when set
// (`all`: `ranks`), else round(sqrt(ranks)); at most `ranks`.
int coarse_ranks_for(int ranks);

// A rank's piece of the coarse level: per cell in its own order, its index in the
// whole level and its coefficients (capacity, sinks, tx, ty, tz).
struct CoarsePiece {
  std::vector<std::uint64_t> whole_index;
  std::array<std::vector<float>, 5> coefficients;
};

class CoarseAgglomeration {
 public:
  // `shape` is the whole level without its coefficients. Collective.
  CoarseAgglomeration(StencilLevel<float> shape, CoarsePiece piece,
                      const CoarseTransport& transport, int sweeps);
  ~CoarseAgglomeration();

  void set_shift(double shift);
  int levels() const { return levels_; }  // of the chain, on every rank
  // Whether this rank cycles the whole level.
  bool cycles_here() const { return chain_ != nullptr; }
  // The coarse ranks' V-cycle from zero for the piece's right-hand side `b`, this
  // rank's part of it into `x`. Collective.
  void solve(const float* b, float* x) const;

 private:
  struct Group;
  // The whole level's coefficients into `whole`: on every rank by the sum of
  // pieces; on the coarse ranks only by the transfer (false elsewhere).
  void sum_pieces(StencilLevel<float>& whole, const CoarsePiece& piece);
  bool gather_to_coarse_ranks(StencilLevel<float>& whole, const CoarsePiece& piece, int coarse);
  void solve_on_every_rank(const float* b, float* x) const;
  void solve_on_coarse_ranks(const float* b, float* x) const;

  core::GlobalSum pieces_;
  parallel::PieceTransfer* transfer_ = nullptr;  // null: every rank
  std::vector<std::uint64_t> whole_index_;       // of this rank's piece
  int coarse_rank_ = 0;                          // this rank's
  std::unique_ptr<Group> group_;                 // on a coarse rank, with a transfer
  std::unique_ptr<LevelChain<float>> chain_;     // on the coarse ranks
  int levels_ = 0;
  mutable std::vector<double> every_rank_rhs_;  // the every-rank path's sum
  mutable std::vector<float> piece_x_;          // a member's correction as received
};

}  // namespace dermaflux::linear
