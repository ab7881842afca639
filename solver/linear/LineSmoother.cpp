#include "linear/LineSmoother.hpp"

#include <algorithm>
#include <type_traits>

#include "core/Parallel.hpp"
#include "linear/LateralTransfer.hpp"
#include "stencil/StencilKernels.hpp"

namespace dermaflux::linear {
namespace {

using stencil::Around;

// The interior of a run, where every neighbour sits at a fixed offset: plain
// arrays that do not overlap (the own run is written; the other class's run, the
// rows north and south and the plane below, all of other colours or planes, are
// only read), so the compiler vectorises the loop. Forward elimination: x = (b + lateral + below) *
// inv.
template <typename Real, bool kHasBelow>
void relax_span(int count, const Real* __restrict b, Real* __restrict x,
                const Real* __restrict x_east, const Real* __restrict x_west,
                const Real* __restrict x_north, const Real* __restrict x_south,
                const Real* __restrict tx, const Real* __restrict tx_west,
                const Real* __restrict ty, const Real* __restrict ty_south,
                const Real* __restrict tz_below, const Real* __restrict x_below,
                const Real* __restrict inv) {
  for (int n = 0; n < count; ++n) {
    const Around<Real> t{tx[n],       tx_west[n], ty[n],
                         ty_south[n], Real(0),    kHasBelow ? tz_below[n] : Real(0)};
    const Around<Real> v{x_east[n],  x_west[n], x_north[n],
                         x_south[n], Real(0),   kHasBelow ? x_below[n] : Real(0)};
    x[n] = stencil::relax_forward<kHasBelow>(b[n], t, v, inv[n]);
  }
}

// The residual r = b - S x over interior positions (see relax_span).
template <typename Real, bool kHasBelow, bool kHasAbove>
void residual_span(int count, Real shift, const Real* __restrict b, const Real* __restrict x,
                   const Real* __restrict x_east, const Real* __restrict x_west,
                   const Real* __restrict x_north, const Real* __restrict x_south,
                   const Real* __restrict x_below, const Real* __restrict x_above,
                   const Real* __restrict cap, const Real* __restrict sinks,
                   const Real* __restrict tx, const Real* __restrict tx_west,
                   const Real* __restrict ty, const Real* __restrict ty_south,
                   const Real* __restrict tz, const Real* __restrict tz_below, Real* __restrict r) {
  for (int n = 0; n < count; ++n) {
    const Around<Real> t{tx[n],
                         tx_west[n],
                         ty[n],
                         ty_south[n],
                         kHasAbove ? tz[n] : Real(0),
                         kHasBelow ? tz_below[n] : Real(0)};
    const Around<Real> v{x_east[n],
                         x_west[n],
                         x_north[n],
                         x_south[n],
                         kHasAbove ? x_above[n] : Real(0),
                         kHasBelow ? x_below[n] : Real(0)};
    r[n] = stencil::level_residual<kHasBelow, kHasAbove>(shift, cap[n], sinks[n], b[n], x[n], t, v);
  }
}

// Back substitution over a run: x += tz * inv * x_above.
template <typename Real>
void substitute_span(int count, Real* __restrict x, const Real* __restrict x_above,
                     const Real* __restrict tz, const Real* __restrict inv) {
  for (int n = 0; n < count; ++n) x[n] = stencil::relax_back(x[n], tz[n], inv[n], x_above[n]);
}

}  // namespace

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
template <typename Cell, typename Span>
void LineSmoother<Real>::visit(const Run& run, bool fast, Cell&& cell, Span&& span) {
  if (!fast || run.interior == 0) {
    // Every cell from the layout: the edges as listed, the interior at the shifts.
    std::size_t e = 0;
    for (int r = 0; r < run.length; ++r) {
      if (e < run.edges.size() && run.edges[e].rank == r) {
        cell(r, run.edges[e].east, run.edges[e].west);
        ++e;
      } else {
        const auto ru = static_cast<std::size_t>(r);
        cell(r, run.other + ru + static_cast<std::size_t>(run.east_shift),
             run.other + ru - static_cast<std::size_t>(-run.west_shift));
      }
    }
    return;
  }
  std::size_t e = 0;
  for (; e < run.edges.size() && run.edges[e].rank < run.first_interior; ++e)
    cell(run.edges[e].rank, run.edges[e].east, run.edges[e].west);
  span(run.first_interior, run.interior);
  for (; e < run.edges.size(); ++e) cell(run.edges[e].rank, run.edges[e].east, run.edges[e].west);
}

template <typename Real>
LineSmoother<Real>::LineSmoother(const StencilLevel<Real>& level)
    : level_(level), inverse_pivot_(level.size(), Real(0)) {
  const PlaneLayout& layout = level.layout;
  runs_.assign(static_cast<std::size_t>(layout.colours()), {});
  for (int j = 0; j < level.ny; ++j)
    for (int cls = 0; cls < 3; ++cls)
      if (layout.length(cls) > 0)
        runs_[static_cast<std::size_t>(layout.colour(cls, j))].push_back(plan_run(layout, j, cls));
  for (const auto& colour : runs_) all_runs_.insert(all_runs_.end(), colour.begin(), colour.end());
}

template <typename Real>
void LineSmoother<Real>::set_shift(double shift) {
  shift_ = shift;
  const int ny = level_.ny, nz = level_.nz;
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
  // Pivots m_0 = a_0, m_k = a_k - tz_{k-1}^2 / m_{k-1} per column, in double; the
  // diagonal a is shift * capacity + sinks + the six faces. Run by run like the
  // smoother, plane by plane; `previous` holds the last plane's pivots per slot.
  std::vector<double> previous(plane, 0.0);
  const int run_count = static_cast<int>(all_runs_.size());
  const bool fast = ny > 1;
#pragma omp parallel if (level_.size() >= core::kParallelThreshold)
  {
    const auto [run_begin, run_end] = core::thread_block(run_count);
    for (int k = 0; k < nz; ++k) {
      const std::size_t o = plane * static_cast<std::size_t>(k);
      const Real* txp = tx + o;
      const Real* typ = ty + o;
      for (int n = run_begin; n < run_end; ++n) {
        const Run& g = all_runs_[static_cast<std::size_t>(n)];
        auto pivot = [&](std::size_t slot, double tx_west, double ty_south) {
          const std::size_t c = o + slot;
          const double below = k > 0 ? double(tz[c - plane]) : 0.0;
          const double a = stencil::level_diagonal<double>(
              shift, cap[c], sinks[c], {tx[c], tx_west, ty[c], ty_south, tz[c], below});
          double& m = previous[slot];
          m = stencil::line_pivot(a, below, m, k > 0);
          inv[c] = static_cast<Real>(1.0 / m);
          if (single) single_inv[k] = 1.0 / m;
        };
        auto cell = [&](int rank, std::size_t, std::size_t w) {
          const auto r = static_cast<std::size_t>(rank);
          pivot(g.own + r, txp[w], typ[g.south + r]);
        };
        auto span = [&](int first, int count) {
          const auto f = static_cast<std::size_t>(first);
          const Real* tx_west = txp + g.other + f - static_cast<std::size_t>(-g.west_shift);
          const Real* ty_south = typ + g.south + f;
          for (int q = 0; q < count; ++q)
            pivot(g.own + f + static_cast<std::size_t>(q), tx_west[q], ty_south[q]);
        };
        visit(g, fast, cell, span);
      }
    }
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
  const int run_count = static_cast<int>(runs.size());
  // One row (ny = 1): north and south are the row itself, no fast path.
  const bool fast = level_.ny > 1;

  // Every thread takes a block of the colour's runs (consecutive in memory) and
  // walks it plane by plane, k outer, streaming one contiguous stretch of every
  // array per plane. The columns of one colour are independent, so the threads
  // need no barrier; neighbours are of other colours, not written here. Called by
  // every thread of sweep()'s parallel region (or alone outside one).
  {
    const auto [run_begin, run_end] = core::thread_block(run_count);
    // Forward elimination with the lateral neighbours on the right-hand side:
    // g_k = (rhs_k + tz_{k-1} g_{k-1}) / m_k, stored in x.
    for (int k = 0; k < nz; ++k) {
      const std::size_t o = plane * static_cast<std::size_t>(k);
      const Real* xp = x + o;  // this plane
      const Real* txp = tx + o;
      const Real* typ = ty + o;
      for (int n = run_begin; n < run_end; ++n) {
        const Run& g = runs[static_cast<std::size_t>(n)];
        const std::size_t own = o + g.own;
        auto relax = [&](int r, std::size_t e, std::size_t w) {
          const std::size_t c = own + static_cast<std::size_t>(r);
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
        auto span = [&](int first, int count) {
          const std::size_t c = own + static_cast<std::size_t>(first);
          const auto f = static_cast<std::size_t>(first);
          const std::size_t e = g.other + f + static_cast<std::size_t>(g.east_shift);
          const std::size_t w = g.other + f - static_cast<std::size_t>(-g.west_shift);
          if (k > 0)
            relax_span<Real, true>(count, b + c, x + c, xp + e, xp + w, xp + g.north + f,
                                   xp + g.south + f, tx + c, txp + w, ty + c, typ + g.south + f,
                                   tz + c - plane, x + c - plane, inv + c);
          else
            relax_span<Real, false>(count, b + c, x + c, xp + e, xp + w, xp + g.north + f,
                                    xp + g.south + f, tx + c, txp + w, ty + c, typ + g.south + f,
                                    nullptr, nullptr, inv + c);
        };
        visit(g, fast, relax, span);
      }
    }
    // Back substitution: x_k = g_k + tz_k / m_k x_{k+1}.
    for (int k = nz - 2; k >= 0; --k) {
      const std::size_t o = plane * static_cast<std::size_t>(k);
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
  const std::size_t run_count = all_runs_.size() - runs_[last_colour].size();
  std::size_t longest = 0;
  for (const Run& run : all_runs_)
    longest = std::max(longest, static_cast<std::size_t>(run.length));
  {
    std::vector<Real> row(longest);  // one run's residual, before it is restricted
#pragma omp for schedule(static)
    for (int k = 0; k < nz; ++k) {
      const std::size_t o = plane * static_cast<std::size_t>(k);
      const Real* xp = in + o;
      const Real* txp = tx + o;
      const Real* typ = ty + o;
      Real* cb = coarse_b + coarse_plane * static_cast<std::size_t>(k);
      std::fill(cb, cb + coarse_plane, Real(0));
      const bool has_up = k + 1 < nz, has_down = k > 0;
      for (std::size_t n = 0; n < run_count; ++n) {
        const Run& g = all_runs_[n];
        const std::size_t own = o + g.own;
        Real* r = row.data();
        auto cell = [&](int rank, std::size_t e, std::size_t w) {
          const std::size_t c = own + static_cast<std::size_t>(rank);
          const auto ru = static_cast<std::size_t>(rank);
          const Real up = has_up ? in[c + plane] : Real(0);
          const Real down = has_down ? in[c - plane] : Real(0);
          const Real tz_up = has_up ? tz[c] : Real(0);
          const Real tz_down = has_down ? tz[c - plane] : Real(0);
          const Around<Real> t{tx[c], txp[w], ty[c], typ[g.south + ru], tz_up, tz_down};
          const Around<Real> v{xp[e], xp[w], xp[g.north + ru], xp[g.south + ru], up, down};
          r[rank] = stencil::level_residual<true, true>(shift, cap[c], sinks[c], b[c], in[c], t, v);
        };
        auto span = [&](int first, int count) {
          const std::size_t c = own + static_cast<std::size_t>(first);
          const auto f = static_cast<std::size_t>(first);
          const std::size_t e = g.other + f + static_cast<std::size_t>(g.east_shift);
          const std::size_t w = g.other + f - static_cast<std::size_t>(-g.west_shift);
          const Real* below = has_down ? in + c - plane : nullptr;
          const Real* above = has_up ? in + c + plane : nullptr;
          const Real* tz_below = has_down ? tz + c - plane : nullptr;
          auto call = [&](auto has_below, auto has_above) {
            residual_span<Real, decltype(has_below)::value, decltype(has_above)::value>(
                count, shift, b + c, in + c, xp + e, xp + w, xp + g.north + f, xp + g.south + f,
                below, above, cap + c, sinks + c, tx + c, txp + w, ty + c, typ + g.south + f,
                tz + c, tz_below, r + first);
          };
          using yes = std::true_type;
          using no = std::false_type;
          if (has_down && has_up)
            call(yes{}, yes{});
          else if (has_down)
            call(yes{}, no{});
          else if (has_up)
            call(no{}, yes{});
          else
            call(no{}, no{});
        };
        visit(g, fast, cell, span);
        // Restriction: summed into the coarse cells in a fixed order (deterministic).
        const std::size_t* to = slot + g.own;
        for (int q = 0; q < g.length; ++q) cb[to[q]] += r[q];
      }
    }
  }
}

template class LineSmoother<float>;
template class LineSmoother<double>;

}  // namespace dermaflux::linear
