#pragma once
// OpenMP helpers whose results do not depend on the number of threads.
//
// Floating-point addition is not associative, so a reduction split differently
// across 1, 2 or 64 threads gives different last bits. Here the index range is cut
// into chunks of a fixed size that does not depend on the thread count; each chunk
// is summed serially, and the chunk sums are added serially in chunk order. The
// result is bitwise identical for any thread count (DESIGN.md: "results bitwise
// identical for any thread count").

#include <omp.h>

#include <unistd.h>

#include <array>
#include <cstddef>
#include <cstdlib>
#include <utility>
#include <vector>

namespace dermaflux::core {

inline constexpr std::size_t kReductionChunk = 4096;

// Below this many cells a loop runs on one thread: starting a parallel region
// costs microseconds, more than small loops take (one-column cases, tests).
inline constexpr std::size_t kParallelThreshold = 16384;

// Runs `threads` OpenMP threads for its lifetime, then restores the count before
// (tests of the threaded paths, benchmarks at a given thread count).
class ThreadCount {
 public:
  explicit ThreadCount(int threads) : before_(omp_get_max_threads()) {
    omp_set_num_threads(threads);
  }
  ~ThreadCount() { omp_set_num_threads(before_); }
  ThreadCount(const ThreadCount&) = delete;
  ThreadCount& operator=(const ThreadCount&) = delete;

 private:
  int before_;
};

// The K sums of chunk c's terms (of `count`), each added in order from 0.
template <std::size_t K, class Terms>
std::array<double, K> chunk_sums(std::size_t c, std::size_t count, Terms& terms) {
  const std::size_t begin = c * kReductionChunk;
  const std::size_t end = begin + kReductionChunk < count ? begin + kReductionChunk : count;
  std::array<double, K> sum{};
  for (std::size_t n = begin; n < end; ++n) {
    const std::array<double, K> t = terms(n);
    for (std::size_t k = 0; k < K; ++k) sum[k] += t[k];
  }
  return sum;
}

// K sums in one pass over memory: terms(n) returns the n-th term of each as a
// std::array<double, K>. Each sum is bitwise what deterministic_sum gives for its
// terms alone (the same chunks, each summed in order, the chunk sums in order), so
// fusing passes this way keeps results.
template <std::size_t K, class Terms>
std::array<double, K> deterministic_sums(std::size_t count, Terms&& terms) {
  const std::size_t chunks = (count + kReductionChunk - 1) / kReductionChunk;
  if (chunks <= 1) return chunk_sums<K>(0, count, terms);
  std::vector<std::array<double, K>> partial(chunks);
#pragma omp parallel for schedule(static) if (count >= kParallelThreshold)
  for (std::size_t c = 0; c < chunks; ++c) partial[c] = chunk_sums<K>(c, count, terms);
  std::array<double, K> sum{};
  for (const auto& p : partial)
    for (std::size_t k = 0; k < K; ++k) sum[k] += p[k];
  return sum;
}

// Sum of term(n) for n in [0, count), deterministic for any thread count.
template <class Term>
double deterministic_sum(std::size_t count, Term&& term) {
  return deterministic_sums<1>(count,
                               [&](std::size_t n) { return std::array<double, 1>{term(n)}; })[0];
}

// The calling thread's share [begin, end) of `count` items split into equal
// contiguous blocks, inside a parallel region (the whole range outside one).
inline std::pair<int, int> thread_block(int count) {
  const int threads = omp_get_num_threads(), thread = omp_get_thread_num();
  const long long n = count;
  return {static_cast<int>(n * thread / threads), static_cast<int>(n * (thread + 1) / threads)};
}

// libgomp reads its wait policy (OMP_WAIT_POLICY, GOMP_SPINCOUNT) from the
// environment once, when the program is loaded, before main; OpenMP has no call to
// change it later (omp_set_dynamic only trims the team by the 15-minute load
// average). By default a thread waiting at a barrier spins up to 300 000 times
// before it sleeps: on a busy machine it spins on the core its descheduled partner
// needs, and a 2-thread run went 9-19 x slower than one thread (benchmarks/
// RESULTS.md, "Per-step overhead and a busy machine"). For main(), first thing: when
// the user set neither variable, sets OMP_WAIT_POLICY=passive (waiting threads sleep
// at once) and starts the program again with the same arguments, so that libgomp
// reads it; a user's own setting is kept. Returns when no restart is needed, or when it fails (the
// run then goes on with the default policy).
inline void restart_with_passive_wait_policy(char** argv) {
  if (std::getenv("OMP_WAIT_POLICY") || std::getenv("GOMP_SPINCOUNT")) return;
  if (setenv("OMP_WAIT_POLICY", "passive", 0) != 0) return;
  execv("/proc/self/exe", argv);
}

// Sets the OpenMP thread count for the rest of the process (0 = leave as is).
inline void set_thread_count(int threads) {
  if (threads > 0) omp_set_num_threads(threads);
}

inline int thread_count() {
  return omp_get_max_threads();
}

// Cells each thread of a run needs so that its share of a CG iteration outlasts the
// barriers it meets there (46 an iteration at 6e5 cells, 18 at 6e4: a futex wake
// of microseconds each with passive waits, a scheduler slice when the partner is
// descheduled). Measured on a quiet machine with the passive wait policy
// (busy_machine.py --threads 1,2 --loads quiet, 200 steps, medians of 5; RESULTS.md,
// "Issue 18's table, one command per row", row 4): 2 threads took 1.17 x one
// thread's step at 4e4 cells, 0.94-1.18 x at 6e4, 0.91 x at 8e4, 0.85 x at 1e5 and
// 0.81 x at 1.3e5. So a run takes its second thread from 65 536 cells.
inline constexpr std::size_t kCellsPerThread = 2 * kParallelThreshold;

// Threads for a run of `cells` cells with `available` threads at hand: one per
// kCellsPerThread cells, at least one, at most `available`.
inline int threads_for_cells(std::size_t cells, int available) {
  const std::size_t wanted = cells / kCellsPerThread;
  if (wanted <= 1) return 1;
  return wanted < static_cast<std::size_t>(available) ? static_cast<int>(wanted) : available;
}

// Threads for a run of `cells` cells on `available` cores (those the process may
// use) while `runnable_others` threads of other processes want a core: the
// size-based count, at most the cores the others leave free, at least one. A
// thread that shares its core with a busy process waits at every barrier for a
// scheduler slice (benchmarks/RESULTS.md, "1 against 2 threads, quiet and
// loaded"); results are the same bits for any count, so it may change between steps.
inline int threads_for_load(std::size_t cells, int available, int runnable_others) {
  const int free_cores = available - (runnable_others > 0 ? runnable_others : 0);
  const int by_size = threads_for_cells(cells, available);
  const int threads = by_size < free_cores ? by_size : free_cores;
  return threads > 1 ? threads : 1;
}

}  // namespace dermaflux::core
