#pragma once
// Sums over the ranks of a case decomposed across processes (mpirun -n P
// dermaflux run, parallel/Block.hpp). Every figure a step decides on (the error
// norm, the conservation correction, the boundary rates) and every reported
// amount is a sum over cells; each rank sums its own cells as on one process and
// a GlobalSum adds the ranks' sums in place, in rank order, giving every rank
// the same bits. An empty GlobalSum is a run on one process: nothing to add.

#include <functional>
#include <span>

namespace dermaflux::core {

using GlobalSum = std::function<void(std::span<double> values)>;

inline void sum_over_ranks(const GlobalSum& sum, std::span<double> values) {
  if (sum) sum(values);
}

inline double sum_over_ranks(const GlobalSum& sum, double value) {
  sum_over_ranks(sum, std::span<double>(&value, 1));
  return value;
}

}  // namespace dermaflux::core
