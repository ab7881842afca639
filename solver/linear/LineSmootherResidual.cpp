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
  std::size_t longest = 0;  // run or stretch
  for (std::size_t colour = 0; colour < runs_.size(); ++colour) {
    const std::vector<Run>& runs = runs_[colour];
    for (const Run& run : runs) longest = std::max(longest, static_cast<std::size_t>(run.length));
    for (const Stretch& s : stretches_[colour]) {
      const Run& last = runs[static_cast<std::size_t>(s.end_run - 1)];
      const std::size_t first = runs[static_cast<std::size_t>(s.first_run)].own;
      longest = std::max(longest, last.own + static_cast<std::size_t>(last.length) - first);
    }
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
      for (std::size_t colour = 0; colour < last_colour; ++colour) {
        const std::vector<Run>& runs = runs_[colour];
        const auto run_count = static_cast<int>(runs.size());
        for (int n = 0; n < run_count;) {
          const Run& g = runs[static_cast<std::size_t>(n)];
          const Stretch* s = g.stretch < 0 ? nullptr : &stretches_[colour][std::size_t(g.stretch)];
          const int end = s ? s->end_run : n + 1;
          Real* r = residual.data();
          int count = g.length;
          if (end - n < 2) {  // a run alone
            visit(
                g, fast, [&](int rank, std::size_t e, std::size_t w) { cell(g, r, rank, e, w); },
                [&](int first, int span_count) {
                  const auto f = static_cast<std::size_t>(first);
                  cells(std::false_type{}, r + first, g.own + f, span_count, interior_east(g) + f,
                        g.north + f, g.south + f);
                });
            ++n;
          } else {  // runs n..end-1 as one loop, then their edges again
            const Run& last = runs[static_cast<std::size_t>(end - 1)];
            count = static_cast<int>(last.own + static_cast<std::size_t>(last.length) - g.own);
            cells(std::true_type{}, r, g.own, count, shifted(g.own, s->east),
                  shifted(g.own, s->north), shifted(g.own, s->south));
            for (; n < end; ++n) {
              const Run& run = runs[static_cast<std::size_t>(n)];
              for (const auto& edge : run.edges)
                cell(run, r + (run.own - g.own), edge.rank, edge.east, edge.west);
            }
          }
          // Restriction: summed into the coarse cells in a fixed order (deterministic).
          const std::size_t* to = slot + g.own;
          for (int q = 0; q < count; ++q) cb[to[q]] += r[q];
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
