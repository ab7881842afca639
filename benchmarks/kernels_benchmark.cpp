// Memory-bound kernels against the machine's bandwidth, measured in the same run.
//
//   build/release/benchmarks/bench_kernels --benchmark_format=json
//
// Bytes are counted the STREAM way (each array read or written once, no
// write-allocate traffic): triad a = b + s c moves 24 B per element; the stencil
// apply reads x, capacity, diagonal and three transmissibilities and writes y:
// 56 B per cell (neighbour values of x come from cache on a good traversal).

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>

#include "LayeredProblem.hpp"
#include "linear/LineSmoother.hpp"
#include "linear/Multigrid.hpp"
#include "model/Problem.hpp"
#include "operator/DiffusionOperator.hpp"

namespace {

using dermaflux::linear::Vector;

using dermaflux::bench::layered_problem;

void BM_StreamTriad(benchmark::State& state) {
  const auto n = static_cast<Eigen::Index>(state.range(0));
  Vector a = Vector::Zero(n), b = Vector::Random(n), c = Vector::Random(n);
  const double s = 0.5;
  double* pa = a.data();
  const double* pb = b.data();
  const double* pc = c.data();
  for (auto _ : state) {
#pragma omp parallel for schedule(static)
    for (Eigen::Index i = 0; i < n; ++i) pa[i] = pb[i] + s * pc[i];
    benchmark::DoNotOptimize(pa);
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(state.iterations() * n * 24);
  state.SetItemsProcessed(state.iterations() * n);
  state.SetComplexityN(n);
}

void BM_StencilApply(benchmark::State& state) {
  const auto problem = layered_problem(state.range(0));
  dermaflux::op::DiffusionOperator system(problem);
  system.set_shift(1e-2);
  const auto n = static_cast<Eigen::Index>(problem.cell_count());
  Vector x = Vector::Random(n), y(n);
  for (auto _ : state) {
    system.apply(x, y);
    benchmark::DoNotOptimize(y.data());
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(state.iterations() * n * 56);
  state.SetItemsProcessed(state.iterations() * n);
  state.SetComplexityN(n);
}

// One forward sweep of the finest level's line smoother, in single (the default)
// or double precision (range(1) = 4 or 8 bytes per value).
void BM_LineSmootherSweep(benchmark::State& state) {
  const auto problem = layered_problem(state.range(0));
  dermaflux::op::DiffusionOperator system(problem);
  system.set_shift(1e-2);
  const auto sweep = [&](auto zero) {
    using Real = decltype(zero);
    const auto level = dermaflux::linear::fine_level<Real>(system.stencil());
    dermaflux::linear::LineSmoother<Real> smoother(level);
    smoother.set_shift(1e-2);
    std::vector<Real> b(level.size(), Real(1)), x(level.size(), Real(0));
    for (auto _ : state) {
      smoother.sweep(b.data(), x.data(), true);
      benchmark::DoNotOptimize(x.data());
      benchmark::ClobberMemory();
    }
    // Each colour pass streams its own cells' b, x (read and written), tx, ty, tz
    // and pivots; neighbours' values come from cache. Over a sweep: 7 values a cell.
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(level.size()) * 7 *
                            static_cast<std::int64_t>(sizeof(Real)));
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(level.size()));
  };
  if (state.range(1) == 4)
    sweep(0.0f);
  else
    sweep(0.0);
  state.SetComplexityN(state.range(0));
}

// One V-cycle (range(1) = 4: single precision, 8: double).
void BM_MultigridVCycle(benchmark::State& state) {
  const auto problem = layered_problem(state.range(0));
  dermaflux::op::DiffusionOperator system(problem);
  system.set_shift(1e-2);
  dermaflux::linear::MultigridSettings settings;
  settings.single_precision = state.range(1) == 4;
  dermaflux::linear::MultigridPreconditioner multigrid(system, settings);
  const auto n = static_cast<Eigen::Index>(problem.cell_count());
  Vector r = Vector::Random(n), z(n);
  for (auto _ : state) {
    multigrid.apply(r, z);
    benchmark::DoNotOptimize(z.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * n);
  state.counters["levels"] = multigrid.levels();
  state.SetComplexityN(n);
}

}  // namespace

BENCHMARK(BM_StreamTriad)
    ->RangeMultiplier(10)
    ->Range(10'000, 10'000'000)
    ->Complexity(benchmark::oN)
    ->UseRealTime();
BENCHMARK(BM_StencilApply)
    ->RangeMultiplier(10)
    ->Range(10'000, 10'000'000)
    ->Complexity(benchmark::oN)
    ->UseRealTime();
BENCHMARK(BM_LineSmootherSweep)
    ->ArgsProduct({{10'000, 100'000, 1'000'000, 10'000'000}, {4, 8}})
    ->UseRealTime();
BENCHMARK(BM_MultigridVCycle)
    ->ArgsProduct({{10'000, 100'000, 1'000'000, 10'000'000}, {4, 8}})
    ->UseRealTime();
