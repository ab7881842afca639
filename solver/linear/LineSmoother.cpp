#include "linear/LineSmoother.hpp"

#include <algorithm>
#include <array>
#include <numeric>
#include <type_traits>

#include "core/Parallel.hpp"
#include "linear/LateralTransfer.hpp"
#include "linear/LineSpans.hpp"
#include "stencil/StencilKernels.hpp"

namespace dermaflux::linear {
using stencil::Around;
using namespace spans;

template <typename Real>
typename LineSmoother<Real>::Run LineSmoother<Real>::plan_run(const PlaneLayout& layout, int j,
                                                              int cls) {
  const int nx = layout.nx(), ny = layout.ny();
  Run run;
  run.own = layout.offset(cls, j);
  run.north = layout.offset(cls, stencil::next_wrapped(j, ny));
  run.south = layout.offset(cls, stencil::previous_wrapped(j, ny));
  run.length = layout.length(cls);
  const bool has_last = layout.length(PlaneLayout::kLast) > 0;
  int last_interior = -1;
  if (cls == PlaneLayout::kEven) {
    run.other = layout.offset(PlaneLayout::kOdd, j);
    run.east_shift = 0;
    run.west_shift = -1;
    run.first_interior = 1;
    // East column 2r + 1 inside the row and not the odd axis' last column (which
    // a block of a split level may hold after an even count of its own).
    last_interior = std::min(run.length - 1, (nx - (has_last ? 3 : 2)) / 2);
  } else if (cls == PlaneLayout::kOdd) {
    run.other = layout.offset(PlaneLayout::kEven, j);
    run.east_shift = 1;
    run.west_shift = 0;
    run.first_interior = 0;
    // East column 2r + 2 inside the row and not the odd axis' last column.
    const int limit = has_last ? 4 : 3;
    last_interior = nx >= limit ? std::min(run.length - 1, (nx - limit) / 2) : -1;
  }
  run.interior = std::max(0, last_interior - run.first_interior + 1);
  for (int r = 0; r < run.length; ++r) {
    if (r >= run.first_interior && r <= last_interior) continue;
    const int i = layout.column(cls, r);
    run.edges.push_back({r, layout.index(stencil::next_wrapped(i, nx), j),
                         layout.index(stencil::previous_wrapped(i, nx), j)});
  }
  return run;
}

template <typename Real>
LineSmoother<Real>::LineSmoother(const StencilLevel<Real>& level)
    : level_(level), inverse_pivot_(level.size(), Real(0)) {
  const PlaneLayout& layout = level.layout;
  runs_.assign(static_cast<std::size_t>(layout.colours()), {});
  row_order_.assign(runs_.size(), {});
  for (int j = 0; j < level.ny; ++j)
    for (int cls = 0; cls < 3; ++cls)
      if (layout.length(cls) > 0)
        runs_[static_cast<std::size_t>(layout.colour(cls, j))].push_back(plan_run(layout, j, cls));
  // A colour's runs in storage order, and where that is not their rows' order
  // (PlaneLayout: three colours), where each row's run went.
  for (std::size_t colour = 0; colour < runs_.size(); ++colour) {
    std::vector<Run>& runs = runs_[colour];
    std::vector<int> stored(runs.size());
    std::iota(stored.begin(), stored.end(), 0);
    std::sort(stored.begin(), stored.end(), [&](int p, int q) {
      return runs[static_cast<std::size_t>(p)].own < runs[static_cast<std::size_t>(q)].own;
    });
    if (std::is_sorted(stored.begin(), stored.end())) continue;
    std::vector<Run> sorted;
    std::vector<int>& row_order = row_order_[colour];
    row_order.resize(runs.size());
    for (std::size_t n = 0; n < stored.size(); ++n) {
      sorted.push_back(runs[static_cast<std::size_t>(stored[n])]);
      row_order[static_cast<std::size_t>(stored[n])] = static_cast<int>(n);
    }
    runs = std::move(sorted);
  }
  plan_stretches();
}

template <typename Real>
void LineSmoother<Real>::plan_stretches() {
  const auto plane = static_cast<std::ptrdiff_t>(level_.columns());
  east_step_.assign(level_.columns(), 0);
  stretches_.assign(runs_.size(), {});
  runs_follow_.assign(runs_.size(), 1);
  auto from = [](std::size_t to, std::size_t at) {
    return static_cast<std::ptrdiff_t>(to) - static_cast<std::ptrdiff_t>(at);
  };
  // Where an interior cell's east neighbour is, from the cell (the west one is next to it).
  auto east_of = [&](const Run& r) { return from(r.other, r.own) + r.east_shift; };
  for (std::size_t colour = 0; colour < runs_.size(); ++colour) {
    std::vector<Run>& runs = runs_[colour];
    for (std::size_t n = 1; n < runs.size(); ++n)
      if (runs[n].own != runs[n - 1].own + static_cast<std::size_t>(runs[n - 1].length))
        runs_follow_[colour] = 0;
    // One row (ny = 1) has no fast path; nor has a colour whose cells are apart.
    if (level_.ny < 2 || !runs_follow_[colour] || runs.empty()) continue;
    const auto first = static_cast<std::ptrdiff_t>(runs.front().own);
    const auto end = static_cast<std::ptrdiff_t>(runs.back().own) + runs.back().length;
    auto own_colour = [&](std::size_t at) {
      return static_cast<std::ptrdiff_t>(at) >= first && static_cast<std::ptrdiff_t>(at) < end;
    };
    // An edge may read its row's other end, of its own colour across a closed side
    // (t = 0): the cells it reads so, which a stretch's edges must see as they were
    // before the colour's pass unless relaxed before them (Stretch::stash).
    auto own_reads = [&](const Run& r, std::vector<std::size_t>& read) {
      for (const auto& edge : r.edges)
        for (const std::size_t at : {edge.east, edge.west})
          if (own_colour(at)) read.push_back(at);
      std::sort(read.begin(), read.end());
      read.erase(std::unique(read.begin(), read.end()), read.end());
      const auto is_edge = [&](std::size_t at) {
        return std::any_of(r.edges.begin(), r.edges.end(),
                           [&](const auto& edge) { return r.own + std::size_t(edge.rank) == at; });
      };
      return std::all_of(read.begin(), read.end(), is_edge);
    };
    // Even or odd runs with an interior, whose stretch loop's reads (the east and
    // west neighbours of every cell at either of two places, the rows north and
    // south) stay in the plane and off this colour's cells, and whose edges read
    // of their own colour only their own run's edges.
    auto joins = [&](const Run& r, std::vector<std::size_t>& read) {
      const std::ptrdiff_t lowest = static_cast<std::ptrdiff_t>(r.own) + east_of(r) - 2;
      const std::ptrdiff_t highest = static_cast<std::ptrdiff_t>(r.own) + east_of(r) + r.length;
      return (r.east_shift == 1 || r.west_shift == -1) && r.interior > 0 && lowest >= 0 &&
             highest < plane && (highest < first || lowest >= end) && !own_colour(r.north) &&
             !own_colour(r.south) && own_reads(r, read);
    };
    std::vector<Stretch>& stretches = stretches_[colour];
    std::ptrdiff_t east_highest = 0;  // of the last stretch's runs
    for (std::size_t n = 0; n < runs.size(); ++n) {
      Run& r = runs[n];
      std::vector<std::size_t> read;
      if (!joins(r, read)) continue;
      const std::ptrdiff_t east = east_of(r);
      Stretch* last = stretches.empty() ? nullptr : &stretches.back();
      if (last && last->end_run == static_cast<int>(n) && last->north == from(r.north, r.own) &&
          last->south == from(r.south, r.own) &&
          std::max(east_highest, east) - std::min(last->east, east) <= 1 &&
          last->stash.size() + read.size() <= kStashLimit) {
        ++last->end_run;
        last->east = std::min(last->east, east);
        east_highest = std::max(east_highest, east);
      } else {
        const int at = static_cast<int>(n);
        stretches.push_back({at, at + 1, east, from(r.north, r.own), from(r.south, r.own), {}});
        east_highest = east;
        last = &stretches.back();
      }
      last->stash.insert(last->stash.end(), read.begin(), read.end());
      r.stretch = static_cast<int>(stretches.size()) - 1;
    }
    for (const Run& r : runs)
      if (r.stretch >= 0 && east_of(r) > stretches[static_cast<std::size_t>(r.stretch)].east)
        std::fill_n(east_step_.begin() + static_cast<std::ptrdiff_t>(r.own), r.length, 1);
  }
}

template <typename Real>
void LineSmoother<Real>::relax_colour(int colour, const Real* b, Real* x) const {
  const int nz = level_.nz;
  const std::size_t plane = level_.columns();
  const Real* tx = level_.tx.data();
  const Real* ty = level_.ty.data();
  const Real* tz = level_.tz.data();
  const Real* inv = inverse_pivot_.data();
  const std::vector<Run>& runs = runs_[static_cast<std::size_t>(colour)];
  const std::vector<Stretch>& stretches = stretches_[static_cast<std::size_t>(colour)];
  const int* east_step = east_step_.data();
  // One row (ny = 1): north and south are the row itself, no fast path.
  const bool fast = level_.ny > 1;

  // Every thread takes a block of the colour's runs (consecutive in memory) and
  // walks it plane by plane, k outer, streaming one contiguous stretch of every
  // array per plane. The columns of one colour are independent, so the threads
  // need no barrier; neighbours are of other colours, not written here. Called by
  // every thread of sweep()'s parallel region (or alone outside one).
  {
    const auto [run_begin, run_end] = thread_runs(runs);
    // Forward elimination with the lateral neighbours on the right-hand side:
    // g_k = (rhs_k + tz_{k-1} g_{k-1}) / m_k, stored in x.
    for (int k = 0; k < nz; ++k) {
      const std::size_t o = plane * static_cast<std::size_t>(k);
      const Real* xp = x + o;  // this plane
      const Real* txp = tx + o;
      const Real* typ = ty + o;
      // Cell r of run g, its east and west neighbours at e and w.
      auto relax_cell = [&](const Run& g, int r, std::size_t e, std::size_t w) {
        const std::size_t c = o + g.own + static_cast<std::size_t>(r);
        const auto ru = static_cast<std::size_t>(r);
        const bool below = k > 0;
        const Around<Real> t{
            tx[c], txp[w], ty[c], typ[g.south + ru], Real(0), below ? tz[c - plane] : Real(0)};
        const Around<Real> v{xp[e],
                             xp[w],
                             xp[g.north + ru],
                             xp[g.south + ru],
                             Real(0),
                             below ? x[c - plane] : Real(0)};
        x[c] = below ? stencil::relax_forward<true>(b[c], t, v, inv[c])
                     : stencil::relax_forward<false>(b[c], t, v, inv[c]);
      };
      // `count` cells from `at` (in the plane), their neighbours from `east`, `north`
      // and `south` on (spans::relax_span; kStep: a stretch's east_step).
      auto relax_cells = [&](auto step, std::size_t at, int count, std::size_t east,
                             std::size_t north, std::size_t south) {
        constexpr bool kStep = decltype(step)::value;
        const std::size_t c = o + at;
        if (k > 0)
          relax_span<Real, true, kStep>(count, east_step + at, b + c, x + c, xp + east, xp + north,
                                        xp + south, tx + c, txp + east, ty + c, typ + south,
                                        tz + c - plane, x + c - plane, inv + c);
        else
          relax_span<Real, false, kStep>(count, east_step + at, b + c, x + c, xp + east, xp + north,
                                         xp + south, tx + c, txp + east, ty + c, typ + south,
                                         nullptr, nullptr, inv + c);
      };
      walk(
          runs, stretches, run_begin, run_end,
          [&](const Run& g) {  // its interior as one span, its edges cell by cell
            visit(
                g, fast, [&](int r, std::size_t e, std::size_t w) { relax_cell(g, r, e, w); },
                [&](int first, int count) {
                  const auto f = static_cast<std::size_t>(first);
                  relax_cells(std::false_type{}, g.own + f, count, interior_east(g) + f,
                              g.north + f, g.south + f);
                });
          },
          [&](int first, int last, const Stretch& s) {
            // One loop, then the edges again in the runs' order, with the cells they
            // read of their own colour as before the loop.
            const std::size_t own = runs[static_cast<std::size_t>(first)].own;
            const int count = cells_of(runs, first, last);
            const std::size_t stretch_end = own + static_cast<std::size_t>(count);
            std::array<Real, kStashLimit> stashed;
            std::size_t stashed_count = 0;
            for (const std::size_t at : s.stash)
              if (at >= own && at < stretch_end) stashed[stashed_count++] = xp[at];
            relax_cells(std::true_type{}, own, count, shifted(own, s.east), shifted(own, s.north),
                        shifted(own, s.south));
            stashed_count = 0;
            for (const std::size_t at : s.stash)
              if (at >= own && at < stretch_end) x[o + at] = stashed[stashed_count++];
            each_edge(runs, first, last, [&](const Run& run, const auto& edge) {
              relax_cell(run, edge.rank, edge.east, edge.west);
            });
          });
    }
    // Back substitution: x_k = g_k + tz_k / m_k x_{k+1}, over the thread's runs at
    // once where they follow each other.
    const bool at_once = runs_follow_[static_cast<std::size_t>(colour)] && run_end > run_begin;
    for (int k = nz - 2; k >= 0; --k) {
      const std::size_t o = plane * static_cast<std::size_t>(k);
      if (at_once) {
        const std::size_t c = o + runs[static_cast<std::size_t>(run_begin)].own;
        substitute_span(cells_of(runs, run_begin, run_end), x + c, x + c + plane, tz + c, inv + c);
        continue;
      }
      for (int n = run_begin; n < run_end; ++n) {
        const Run& run = runs[static_cast<std::size_t>(n)];
        const std::size_t c = o + run.own;
        substitute_span(run.length, x + c, x + c + plane, tz + c, inv + c);
      }
    }
  }
}

template <typename Real>
void LineSmoother<Real>::sweep_in_team(const Real* b, Real* x, bool forward, int count) const {
  const int colours = level_.layout.colours();
  // No region of its own, a barrier after every colour (each reads its neighbours
  // of the others): on a busy machine every fork and join is a wait for a thread
  // that may be descheduled, and a barrier is half of a region's two. The columns
  // of a colour are independent: the same bits for any split of the runs.
  for (int s = 0; s < count; ++s) {
    for (int n = 0; n < colours; ++n) {
      relax_colour(forward ? n : colours - 1 - n, b, x);
#pragma omp barrier
    }
  }
}

template <typename Real>
void LineSmoother<Real>::solve_single_column(const Real* b, Real* x) const {
  // One column has no lateral neighbours: the tridiagonal solve is the exact
  // inverse, done in double.
  const int nz = level_.nz;
  const Real* tz = level_.tz.data();
  const double* inv = single_column_pivot_.data();
  std::vector<double> g(static_cast<std::size_t>(nz));
  for (int k = 0; k < nz; ++k)
    g[k] = (double(b[k]) + (k > 0 ? double(tz[k - 1]) * g[k - 1] : 0.0)) * inv[k];
  for (int k = nz - 2; k >= 0; --k)
    g[k] = stencil::relax_back(g[k], double(tz[k]), inv[k], g[k + 1]);
  for (int k = 0; k < nz; ++k) x[k] = static_cast<Real>(g[k]);
}

template class LineSmoother<float>;
template class LineSmoother<double>;

}  // namespace dermaflux::linear
