// Rasterising needle channels onto the grid: issue 4 asks that 10 000 needles on
// a 10^7-cell grid take seconds, not minutes.
//
//   build/release/benchmarks/bench_raster --benchmark_format=json
//
// The grid is a square patch of 10 um columns, 10 cells deep (the top 100 um,
// where channels are); the needles are 0.5 mm pen needles at 20 % penetration
// (100 um deep cones, 44 um across at the surface), placed at random with a
// fixed seed over the patch. Cells per second counts every cell of the grid;
// the items are needles.

#include <benchmark/benchmark.h>

#include <cmath>
#include <random>
#include <vector>

#include "meshes/Channel.hpp"
#include "meshes/ChannelRaster.hpp"
#include "meshes/Grid.hpp"

namespace {

using dermaflux::mesh::Channel;
using dermaflux::mesh::Grid;

std::vector<double> nodes(int count, double spacing_m, double origin_m) {
  std::vector<double> v;
  for (int i = 0; i <= count; ++i) v.push_back(origin_m + i * spacing_m);
  return v;
}

// cells: about this many cells, 10 deep; needles: how many, uniform at random.
void BM_RasterRandomCones(benchmark::State& state) {
  const auto cells = state.range(0);
  const auto needles = state.range(1);
  const int nz = 10;
  const int n = static_cast<int>(std::sqrt(static_cast<double>(cells) / nz));
  const double spacing_m = 10e-6;
  const double side_m = n * spacing_m;
  const Grid grid(nodes(n, spacing_m, 0.0), nodes(n, spacing_m, 0.0), nodes(nz, 10e-6, -100e-6));

  std::mt19937_64 random(1);
  std::uniform_real_distribution<double> position(0.0, side_m);
  std::vector<Channel> channels(static_cast<std::size_t>(needles));
  for (Channel& c : channels) {
    c.x_m = position(random);
    c.y_m = position(random);
    c.depth_m = 100e-6;
    c.surface_radius_m = 22e-6;
    c.bottom_radius_m = 2.5e-6;
  }

  for (auto _ : state) {
    auto fractions = dermaflux::mesh::channel_fractions(grid, channels, true);
    benchmark::DoNotOptimize(fractions.data());
  }
  state.SetItemsProcessed(state.iterations() * needles);
  state.counters["cells_per_s"] = benchmark::Counter(
      static_cast<double>(grid.cell_count()) * static_cast<double>(state.iterations()),
      benchmark::Counter::kIsRate);
  state.counters["cells"] = static_cast<double>(grid.cell_count());
}

BENCHMARK(BM_RasterRandomCones)
    ->Args({100'000, 100})
    ->Args({1'000'000, 1'000})
    ->Args({10'000'000, 10'000})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
