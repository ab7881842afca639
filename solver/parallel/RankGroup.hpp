#pragma once
// The ranks that share one run: every rank of an MPI job a case is split over
// (parallel/Block.hpp), or this process alone. What the ranks must agree on goes
// through it — sums of their figures, whether any of them says yes, waiting until
// all have got somewhere — and alone each of these is trivial, so a run reads the
// same on one process as split over many.
//
// Collective: every rank calls each of these at the same point, in the same order.

#include <span>
#include <utility>

#include "core/GlobalSum.hpp"

namespace dermaflux::parallel {

class RankGroup {
 public:
  // This process alone: rank 0 of 1.
  static RankGroup alone();
  // The ranks of the MPI job (world()); alone() when it has one rank.
  static RankGroup everyone();

  int rank() const { return rank_; }
  int size() const { return size_; }
  bool is_root() const { return rank_ == 0; }
  bool split() const { return size_ > 1; }  // more than one rank

  // Adds the ranks' values in place, in rank order (core/GlobalSum.hpp): every
  // rank gets the same bits.
  void sum(std::span<double> values) const { core::sum_over_ranks(sum_, values); }
  double sum(double value) const { return core::sum_over_ranks(sum_, value); }
  // Whether `mine` is true on any rank.
  bool any(bool mine) const { return sum(mine ? 1.0 : 0.0) > 0.0; }
  // Returns once every rank has called it.
  void barrier() const { sum(0.0); }

  // The sum itself, for the numerics that take one (analysis, the integrator,
  // hypre); empty alone.
  const core::GlobalSum& global_sum() const { return sum_; }

  // `sum` adds the values of `size` ranks; this is rank `rank`.
  RankGroup(int rank, int size, core::GlobalSum sum)
      : rank_(rank), size_(size), sum_(std::move(sum)) {}

 private:
  int rank_ = 0;
  int size_ = 1;
  core::GlobalSum sum_;
};

}  // namespace dermaflux::parallel
