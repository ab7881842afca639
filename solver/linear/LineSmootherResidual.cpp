// LineSmoother's residual restricted to the next level (LineSmoother.hpp), apart
// from the smoother's sweeps in LineSmoother.cpp.
#include <algorithm>
#include <type_traits>
#include <vector>

#include "linear/LateralTransfer.hpp"
#include "linear/LineSmoother.hpp"
#include "linear/LineSpans.hpp"

namespace dermaflux::linear {

using stencil::Around;
using namespace spans;

template <typename Real>
void LineSmoother<Real>::restrict_residual_in_team(const Real* b, const Real* in,
                                                   const LateralTransfer<Real>& transfer,
                                                   Real* coarse_b) const {
  const int nz = level_.nz;
  const std::size_t plane = level_.columns(), coarse_plane = transfer.coarse_plane();
  const std::size_t* slot = transfer.coarse_slots();
  const Real shift = static_cast<Real>(shift_);
  const Real* cap = level_.capacity.data();
  const Real* sinks = level_.sinks.data();
  const Real* tx = level_.tx.data();
  const Real* ty = level_.ty.data();
  const Real* tz = level_.tz.data();
  const bool fast = level_.ny > 1;
  // After a forward sweep the last colour's lines are solved with their neighbours'
  // final values: its residual is zero, so only the other colours' runs (stored
  // before it) are computed.
  const std::size_t last_colour = runs_.size() - 1;
  const int* east_step = east_step_.data();
  std::size_t longest = 0;  // run or stretch, or colour block (summed in rows' order)
  for (std::size_t colour = 0; colour < runs_.size(); ++colour) {
    const std::vector<Run>& runs = runs_[colour];
    if (!row_order_[colour].empty())
      longest = std::max(longest, runs.back().own + std::size_t(runs.back().length) - runs[0].own);
    for (const Run& run : runs) longest = std::max(longest, static_cast<std::size_t>(run.length));
    for (const Stretch& s : stretches_[colour])
      longest = std::max(longest, static_cast<std::size_t>(cells_of(runs, s.first_run, s.end_run)));
  }
  {
    std::vector<Real> residual(longest);  // a stretch's or a run's, before it is restricted
#pragma omp for schedule(static)
    for (int k = 0; k < nz; ++k) {
      const std::size_t o = plane * static_cast<std::size_t>(k);
      const Real* xp = in + o;
      const Real* txp = tx + o;
      const Real* typ = ty + o;
      Real* cb = coarse_b + coarse_plane * static_cast<std::size_t>(k);
      std::fill(cb, cb + coarse_plane, Real(0));
      const bool has_up = k + 1 < nz, has_down = k > 0;
      // Cell `rank` of run g into r[rank], its east and west neighbours at e and w.
      auto cell = [&](const Run& g, Real* r, int rank, std::size_t e, std::size_t w) {
        const std::size_t c = o + g.own + static_cast<std::size_t>(rank);
        const auto ru = static_cast<std::size_t>(rank);
        const Real up = has_up ? in[c + plane] : Real(0);
        const Real down = has_down ? in[c - plane] : Real(0);
        const Real tz_up = has_up ? tz[c] : Real(0);
        const Real tz_down = has_down ? tz[c - plane] : Real(0);
        const Around<Real> t{tx[c], txp[w], ty[c], typ[g.south + ru], tz_up, tz_down};
        const Around<Real> v{xp[e], xp[w], xp[g.north + ru], xp[g.south + ru], up, down};
        r[rank] = stencil::level_residual<true, true>(shift, cap[c], sinks[c], b[c], in[c], t, v);
      };
      // Calls kernel(has_below, has_above) with both as compile-time constants.
      auto with_planes = [&](auto&& kernel) {
        using yes = std::true_type;
        using no = std::false_type;
        if (has_down && has_up)
          kernel(yes{}, yes{});
        else if (has_down)
          kernel(yes{}, no{});
        else if (has_up)
          kernel(no{}, yes{});
        else
          kernel(no{}, no{});
      };
      // `count` cells from `at` (in the plane) into r, their neighbours from `east`,
      // `north` and `south` on (spans::residual_span; kStep: a stretch's east_step).
      auto cells = [&](auto step, Real* r, std::size_t at, int count, std::size_t east,
                       std::size_t north, std::size_t south) {
        const std::size_t c = o + at;
        const Real* below = has_down ? in + c - plane : nullptr;
        const Real* above = has_up ? in + c + plane : nullptr;
        const Real* tz_below = has_down ? tz + c - plane : nullptr;
        with_planes([&](auto has_below, auto has_above) {
          residual_span<Real, decltype(has_below)::value, decltype(has_above)::value,
                        decltype(step)::value>(count, east_step + at, shift, b + c, in + c,
                                               xp + east, xp + north, xp + south, below, above,
                                               cap + c, sinks + c, tx + c, txp + east, ty + c,
                                               typ + south, tz + c, tz_below, r);
        });
      };
      // Restriction: summed into the coarse cells in a fixed order (deterministic),
      // a colour's runs in their rows' order.
      for (std::size_t colour = 0; colour < last_colour; ++colour) {
        const std::vector<Run>& runs = runs_[colour];
        const std::vector<int>& row_order = row_order_[colour];
        // Stored in order: restricted as computed; else the colour's whole block first.
        auto residual_at = [&](const Run& run) {
          return residual.data() + (row_order.empty() ? 0 : run.own - runs[0].own);
        };
        auto restrict_now = [&](const Run& run, const Real* r, int count) {
          if (!row_order.empty()) return;
          const std::size_t* to = slot + run.own;
          for (int q = 0; q < count; ++q) cb[to[q]] += r[q];
        };
        walk(
            runs, stretches_[colour], 0, static_cast<int>(runs.size()),
            [&](const Run& g) {
              Real* r = residual_at(g);
              visit(
                  g, fast, [&](int rank, std::size_t e, std::size_t w) { cell(g, r, rank, e, w); },
                  [&](int first, int span_count) {
                    const auto f = static_cast<std::size_t>(first);
                    cells(std::false_type{}, r + first, g.own + f, span_count, interior_east(g) + f,
                          g.north + f, g.south + f);
                  });
              restrict_now(g, r, g.length);
            },
            [&](int first, int last, const Stretch& s) {  // one loop, then the edges again
              const Run& g = runs[static_cast<std::size_t>(first)];
              Real* r = residual_at(g);
              const int count = cells_of(runs, first, last);
              cells(std::true_type{}, r, g.own, count, shifted(g.own, s.east),
                    shifted(g.own, s.north), shifted(g.own, s.south));
              each_edge(runs, first, last, [&](const Run& run, const auto& edge) {
                cell(run, r + (run.own - g.own), edge.rank, edge.east, edge.west);
              });
              restrict_now(g, r, count);
            });
        for (const int n : row_order) {
          const Run& run = runs[static_cast<std::size_t>(n)];
          const Real* r = residual.data() + (run.own - runs[0].own);
          const std::size_t* to = slot + run.own;
          for (int q = 0; q < run.length; ++q) cb[to[q]] += r[q];
        }
      }
    }
  }
}

template void LineSmoother<float>::restrict_residual_in_team(const float*, const float*,
                                                             const LateralTransfer<float>&,
                                                             float*) const;
template void LineSmoother<double>::restrict_residual_in_team(const double*, const double*,
                                                              const LateralTransfer<double>&,
                                                              double*) const;

}  // namespace dermaflux::linear
