// LineSmoother::set_shift (LineSmoother.hpp): the Thomas pivots of every column,
// apart from the sweeps in LineSmoother.cpp.
#include <algorithm>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/Parallel.hpp"
#include "linear/LineSmoother.hpp"
#include "linear/LineSpans.hpp"

namespace dermaflux::linear {

using namespace spans;

template <typename Real>
void LineSmoother<Real>::set_shift(double shift) {
  shift_ = shift;
  const int nz = level_.nz;
  const std::size_t plane = level_.columns();
  const Real* cap = level_.capacity.data();
  const Real* sinks = level_.sinks.data();
  const Real* tx = level_.tx.data();
  const Real* ty = level_.ty.data();
  const Real* tz = level_.tz.data();
  const bool single = plane == 1;
  if (single) single_column_pivot_.assign(static_cast<std::size_t>(nz), 0.0);
  Real* inv = inverse_pivot_.data();
  double* single_inv = single_column_pivot_.data();
  const int* east_step = east_step_.data();
  const bool fast = level_.ny > 1;  // as in relax_colour
  // Pivots m_0 = a_0, m_k = a_k - tz_{k-1}^2 / m_{k-1} per column, in double
  // (spans::pivot_of). Colour by colour and plane by plane like the smoother, a
  // stretch as one vector loop (the division is most of the cost), its edges
  // again after it: a plane's pivots go to `here`, from the plane below's in
  // `below`, which the loop leaves as they were for the edges to read.
  std::vector<double> pivots_a(plane, 0.0), pivots_b(plane, 0.0);
#pragma omp parallel if (level_.size() >= core::kParallelThreshold)
  for (std::size_t colour = 0; colour < runs_.size(); ++colour) {
    const std::vector<Run>& runs = runs_[colour];
    const std::vector<Stretch>& stretches = stretches_[colour];
    const auto [run_begin, run_end] = thread_runs(runs);
    // Only this thread's columns are read and written: swapped without a barrier.
    double* below = pivots_a.data();
    double* here = pivots_b.data();
    for (int k = 0; k < nz; ++k, std::swap(below, here)) {
      const std::size_t o = plane * static_cast<std::size_t>(k);
      const Real* txp = tx + o;
      const Real* typ = ty + o;
      // Cell `rank` of run g, its west neighbour at w.
      auto cell = [&](const Run& g, int rank, std::size_t w) {
        const std::size_t slot = g.own + static_cast<std::size_t>(rank);
        const std::size_t c = o + slot;
        const Real ty_south = typ[g.south + static_cast<std::size_t>(rank)];
        here[slot] = k > 0 ? pivot_of<true>(shift, cap[c], sinks[c], tx[c], txp[w], ty[c], ty_south,
                                            tz[c], tz[c - plane], below[slot])
                           : pivot_of<false>(shift, cap[c], sinks[c], tx[c], txp[w], ty[c],
                                             ty_south, tz[c], Real(0), 0.0);
        inv[c] = static_cast<Real>(1.0 / here[slot]);
        if (single) single_inv[k] = 1.0 / here[slot];
      };
      // `count` cells from `at`, the east faces from `east` on, the south ones from `south`.
      auto cells = [&](auto step, std::size_t at, int count, std::size_t east, std::size_t south) {
        constexpr bool kStep = decltype(step)::value;
        const std::size_t c = o + at;
        if (k > 0)
          pivot_span<Real, true, kStep>(count, east_step + at, shift, cap + c, sinks + c, tx + c,
                                        txp + east, ty + c, typ + south, tz + c, tz + c - plane,
                                        below + at, here + at, inv + c);
        else
          pivot_span<Real, false, kStep>(count, east_step + at, shift, cap + c, sinks + c, tx + c,
                                         txp + east, ty + c, typ + south, tz + c, nullptr, nullptr,
                                         here + at, inv + c);
      };
      walk(
          runs, stretches, run_begin, run_end,
          [&](const Run& g) {
            visit(
                g, fast, [&](int r, std::size_t, std::size_t w) { cell(g, r, w); },
                [&](int first, int count) {
                  const auto f = static_cast<std::size_t>(first);
                  cells(std::false_type{}, g.own + f, count, interior_east(g) + f, g.south + f);
                });
          },
          [&](int first, int last, const Stretch& s) {
            const std::size_t own = runs[static_cast<std::size_t>(first)].own;
            cells(std::true_type{}, own, cells_of(runs, first, last), shifted(own, s.east),
                  shifted(own, s.south));
            each_edge(runs, first, last,
                      [&](const Run& run, const auto& edge) { cell(run, edge.rank, edge.west); });
          });
    }
  }
}

template void LineSmoother<float>::set_shift(double);
template void LineSmoother<double>::set_shift(double);

}  // namespace dermaflux::linear
