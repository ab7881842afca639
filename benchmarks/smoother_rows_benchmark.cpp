// The line smoother's cost per cell against the length of its rows (issue 18): one
// forward sweep (every colour) of LineSmoother<float> on levels of 60 planes whose
// planes are 62 x 62 (runs of a colour 31 cells), a rank's 31 x 62 block of that
// level (runs of 15-16), the coarse levels' 16 x 16 and 8 x 8 columns, and the
// three-colour levels of an odd periodic count, 31 x 31 and 15 x 15 (PlaneLayout);
// the residual restricted to the next level after such a sweep (BM_RestrictRows);
// and the pivots worked out again for a new time step (BM_SetShiftRows).
//
//   OMP_NUM_THREADS=1 build/release/benchmarks/bench_smoother_rows --benchmark_format=json
//
// ns_per_cell is the wall time of a sweep (a restriction, a set_shift) over the level's cells
// (the console prints it with an "s", Google Benchmark's unit for an inverted rate: it is ns).
// Set-up (the level, its pivots) is outside the timed loop.

#include <benchmark/benchmark.h>

#include <cstdint>
#include <random>
#include <vector>

#include "linear/LateralTransfer.hpp"
#include "linear/LineSmoother.hpp"
#include "linear/StencilLevel.hpp"
#include "model/Problem.hpp"
#include "operator/DiffusionOperator.hpp"

namespace {

using dermaflux::linear::PlaneLayout;

constexpr int kPlanes = 60;

// A periodic patch of 10 um columns and 60 planes of 5 um, stratum corneum on top
// of tissue (as the kernel benchmarks' LayeredProblem, with 60 planes).
dermaflux::model::Problem periodic_patch(int nx, int ny) {
  auto nodes = [](int count, double h) {
    std::vector<double> v;
    for (int i = 0; i <= count; ++i) v.push_back(i * h);
    return v;
  };
  dermaflux::model::Problem p;
  std::vector<double> z = nodes(kPlanes, 5e-6);
  for (double& v : z) v -= z.back();
  p.mesh.grid = dermaflux::mesh::Grid(nodes(nx, 10e-6), nodes(ny, 10e-6), z);
  p.materials = {{6e-10, 1.0, 0.0, 0.0}, {1e-14, 0.8, 0.0, 0.0}, {3e-11, 1.0, 0.0, 0.0}};
  for (int k = 0; k < kPlanes; ++k) p.mesh.plane_material.push_back(k < 4 ? 1 : 2);
  p.mesh.layer_count = 2;
  return p;
}

// A level of range(0) x range(1) columns, its smoother and a right-hand side;
// range(2) = 1: the plane is the second half (in x) of a level twice as wide, as a
// rank's block of a split level stores it.
struct RowsLevel {
  explicit RowsLevel(const benchmark::State& state)
      : nx(static_cast<int>(state.range(0))),
        ny(static_cast<int>(state.range(1))),
        problem(periodic_patch(nx, ny)),
        system(problem),
        layout(nx, ny, true,
               state.range(2) == 1 ? PlaneLayout::Place{nx, 0, 2 * nx, ny} : PlaneLayout::Place{}),
        level((system.set_shift(1e-2),
               dermaflux::linear::fine_level<float>(system.stencil(), &layout))),
        smoother(level),
        b(level.size()),
        x(level.size(), 0.0f) {
    smoother.set_shift(1e-2);
    std::mt19937 random(42);
    std::uniform_real_distribution<float> uniform(0.0f, 1.0f);
    for (float& value : b) value = uniform(random);
  }
  int nx, ny;
  dermaflux::model::Problem problem;
  dermaflux::op::DiffusionOperator system;
  PlaneLayout layout;
  dermaflux::linear::StencilLevel<float> level;
  dermaflux::linear::LineSmoother<float> smoother;
  std::vector<float> b, x;
};

void count_cells(benchmark::State& state, const RowsLevel& rows) {
  const auto cells = static_cast<double>(rows.level.size());
  state.counters["ns_per_cell"] = benchmark::Counter(
      cells * 1e-9, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
  state.counters["run_length"] = (rows.nx + 1) / 2;
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(rows.level.size()));
}

void BM_SmootherRows(benchmark::State& state) {
  RowsLevel rows(state);
  for (auto _ : state) {
    rows.smoother.sweep(rows.b.data(), rows.x.data(), true);
    benchmark::DoNotOptimize(rows.x.data());
    benchmark::ClobberMemory();
  }
  count_cells(state, rows);
}

void BM_RestrictRows(benchmark::State& state) {
  RowsLevel rows(state);
  rows.smoother.sweep(rows.b.data(), rows.x.data(), true);
  const auto coarse = dermaflux::linear::coarsen(rows.level);
  const dermaflux::linear::LateralTransfer<float> transfer(rows.level, coarse);
  std::vector<float> coarse_b(coarse.size());
  for (auto _ : state) {
    rows.smoother.restrict_residual(rows.b.data(), rows.x.data(), transfer, coarse_b.data());
    benchmark::DoNotOptimize(coarse_b.data());
    benchmark::ClobberMemory();
  }
  count_cells(state, rows);
}

void BM_SetShiftRows(benchmark::State& state) {
  RowsLevel rows(state);
  for (auto _ : state) {
    rows.smoother.set_shift(1e-2);
    benchmark::ClobberMemory();
  }
  count_cells(state, rows);
}

void level_shapes(benchmark::internal::Benchmark* bench) {
  bench->ArgNames({"nx", "ny", "block"})
      ->Args({62, 62, 0})
      ->Args({31, 62, 1})
      ->Args({16, 16, 0})
      ->Args({8, 8, 0})
      ->Args({31, 31, 0})
      ->Args({15, 15, 0})
      ->UseRealTime();
}

}  // namespace

BENCHMARK(BM_SmootherRows)->Apply(level_shapes);
BENCHMARK(BM_RestrictRows)->Apply(level_shapes);
BENCHMARK(BM_SetShiftRows)->Apply(level_shapes);

BENCHMARK_MAIN();
