#pragma once
// Work shared by the threads of one enclosing parallel region (a team), so that a
// whole CG solve opens one region instead of one per kernel (benchmarks/RESULTS.md,
// "Per-step overhead and a busy machine"): every fork and join is a wait for a
// thread that may be descheduled, and a barrier is half of a region's two. A
// function named ..._in_team is called by every thread of the region (or by one
// thread outside any region, which then does all the work) and shares its loops
// with orphaned `omp for`s; it returns after a barrier unless it says otherwise.

#include <omp.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <vector>

#include "core/Parallel.hpp"

namespace dermaflux::core {

// Runs body() on a team of threads when `parallel` (one thread otherwise): the
// region around an ..._in_team function called on its own.
template <class Body>
void in_region(bool parallel, Body&& body) {
#pragma omp parallel if (parallel)
  body();
}

// Deterministic sums inside a team: every thread gets bitwise what
// deterministic_sums gives (the same chunks, each summed in order, the chunk sums
// in order). Each thread holds its own TeamSums over one scratch array shared by
// the team and made before the region (scratch_size); consecutive sums alternate
// between its two halves, so that a sum's chunk results are not overwritten while
// a slow thread still adds up the last one's (the barrier closing the sum between
// them orders the two). Every thread must call the same sums in the same order.
class TeamSums {
 public:
  static std::size_t scratch_size(std::size_t count, std::size_t most_sums_at_once) {
    return 2 * most_sums_at_once * std::max<std::size_t>(1, chunks(count));
  }
  explicit TeamSums(std::vector<double>& scratch) : scratch_(scratch) {}

  template <std::size_t K, class Terms>
  std::array<double, K> sums(std::size_t count, Terms&& terms) {
    return sums_of_chunks<K>(count, [&](std::size_t c) { return chunk_sums<K>(c, count, terms); });
  }

  // As sums(), for a kernel that walks a chunk itself (a stencil, by rows):
  // chunk(c) returns the K sums of the terms of chunk c (the cells from c to c + 1
  // times kReductionChunk, cut at count), each added in order from 0 as chunk_sums
  // adds them.
  template <std::size_t K, class Chunk>
  std::array<double, K> sums_of_chunks(std::size_t count, Chunk&& chunk) {
    double* partial = scratch_.data() + (half_ ? scratch_.size() / 2 : 0);
    half_ = !half_;
    std::array<double, K> sum{};
    const std::size_t chunk_count = chunks(count);
    if (chunk_count <= 1) {  // one thread, as deterministic_sums
#pragma omp single
      {
        const std::array<double, K> s = chunk(0);
        for (std::size_t k = 0; k < K; ++k) partial[k] = s[k];
      }
      for (std::size_t k = 0; k < K; ++k) sum[k] = partial[k];
      return sum;
    }
#pragma omp for schedule(static)
    for (std::size_t c = 0; c < chunk_count; ++c) {
      const std::array<double, K> s = chunk(c);
      for (std::size_t k = 0; k < K; ++k) partial[K * c + k] = s[k];
    }
    for (std::size_t c = 0; c < chunk_count; ++c)
      for (std::size_t k = 0; k < K; ++k) sum[k] += partial[K * c + k];
    return sum;
  }

  template <class Term>
  double sum(std::size_t count, Term&& term) {
    return sums<1>(count, [&](std::size_t n) { return std::array<double, 1>{term(n)}; })[0];
  }

 private:
  static std::size_t chunks(std::size_t count) {
    return (count + kReductionChunk - 1) / kReductionChunk;
  }
  std::vector<double>& scratch_;
  bool half_ = false;
};

}  // namespace dermaflux::core
