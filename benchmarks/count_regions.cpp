// Forks and barriers per CG iteration (issue 18 section 3): on 2 threads, CG runs of
// 12 and 2 iterations on the benchmarks' layered box, the difference / 10. The
// target is linked with -Wl,--wrap=GOMP_parallel,--wrap=GOMP_barrier, so that every
// region the solver opens (a fork when it has more than one thread and is not
// nested) and every barrier of a team of several threads (counted on thread 0;
// an `omp for`'s closing barrier is one) passes through the counters below.
//
//   build/release/benchmarks/bench_count_regions 600000
//
// Prints one JSON line. A benchmark that never asserts, like the others.
#include <omp.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>

#include "LayeredProblem.hpp"
#include "linear/ConjugateGradient.hpp"
#include "linear/Multigrid.hpp"
#include "operator/DiffusionOperator.hpp"

namespace {
std::atomic<long> forks{0}, calls{0}, barriers{0};
}  // namespace

extern "C" {
void __real_GOMP_parallel(void (*fn)(void*), void* data, unsigned n, unsigned flags);
void __real_GOMP_barrier();
void __wrap_GOMP_parallel(void (*fn)(void*), void* data, unsigned n, unsigned flags) {
  ++calls;
  if (n != 1 && omp_get_level() == 0) ++forks;
  __real_GOMP_parallel(fn, data, n, flags);
}
void __wrap_GOMP_barrier() {
  if (omp_get_thread_num() == 0 && omp_get_num_threads() > 1) ++barriers;
  __real_GOMP_barrier();
}
}

int main(int argc, char** argv) {
  using namespace dermaflux;
  const long cells = argc > 1 ? std::atol(argv[1]) : 600000;
  omp_set_num_threads(2);
  auto problem = bench::layered_problem(cells);
  problem.top = model::TopBoundary::FixedPotential;
  problem.top_potential_kg_m3 = 30.0;
  problem.bottom = model::BottomBoundary::Sink;
  op::DiffusionOperator system(problem);
  system.set_shift(1.0 / 10.0);
  linear::MultigridPreconditioner multigrid(system);
  const auto n = static_cast<Eigen::Index>(problem.cell_count());
  linear::Vector b = linear::Vector::Zero(n);
  system.add_boundary_source(b);
  linear::CgWorkspace workspace;
  long f[2], c[2], w[2];
  const int its[2] = {2, 12};
  for (int r = 0; r < 2; ++r) {
    linear::Vector x = linear::Vector::Zero(n);
    forks = calls = barriers = 0;
    linear::conjugate_gradient(system, multigrid, b, x, {0.0, its[r]}, &workspace);
    f[r] = forks;
    c[r] = calls;
    w[r] = barriers;
  }
  std::printf(
      "{\"cells\": %ld, \"levels\": %d, \"forks_per_iteration\": %.1f, "
      "\"parallel_calls_per_iteration\": %.1f, \"barriers_per_iteration\": %.1f}\n",
      static_cast<long>(n), multigrid.levels(), (f[1] - f[0]) / 10.0, (c[1] - c[0]) / 10.0,
      (w[1] - w[0]) / 10.0);
}
