#include "linear/LineSmoother.hpp"

#include <algorithm>
#include <type_traits>

#include "core/Parallel.hpp"

namespace dermaflux::linear {
namespace {

// Colour index along one axis: parity, except that the last cell of a periodic
// axis with an odd count (whose wrap neighbour, cell 0, has the same parity) gets
// its own index 2.
int axis_colour(int i, int n, bool periodic) {
  if (periodic && n > 1 && n % 2 == 1 && i == n - 1) return 2;
  return i % 2;
}

// Where the lateral neighbours of a row's cells sit in split order (see
// StencilLevel.hpp): position p holds column i = 2p (p < evens) or 2(p - evens) + 1.
// Interior cells find theirs at fixed offsets, which keeps the inner loops
// branch-free: an even column's east neighbour is at evens + p and its west one at
// evens + p - 1; an odd column's are at q + 1 and q (q = p - evens). The end
// columns wrap (periodic) or face a closed side, where the transmissibility is 0 and
// the wrapped neighbour is read but adds nothing.
struct RowGeometry {
  int nx, evens;
  explicit RowGeometry(int columns) : nx(columns), evens((columns + 1) / 2) {}
  int column(int p) const { return p < evens ? 2 * p : 2 * (p - evens) + 1; }
  int position(int i) const { return i % 2 == 0 ? i / 2 : evens + i / 2; }
  int east(int p) const {
    const int i = column(p);
    return position(i + 1 < nx ? i + 1 : 0);
  }
  int west(int p) const {
    const int i = column(p);
    return position(i > 0 ? i - 1 : nx - 1);
  }
  // Even positions 1 .. last_even_interior() and odd offsets q = 0 ..
  // last_odd_interior() have both neighbours inside the row at the fixed offsets.
  int last_even_interior() const { return (nx - 2) / 2; }
  int last_odd_interior() const { return nx >= 3 ? (nx - 3) / 2 : -1; }
};

// Calls fast(p, east, west) for the positions first .. last (one half of a row)
// whose neighbours lie at the fixed offsets, in increasing order, and slow(p, east,
// west) for the others (the row's ends), in the same increasing order.
template <typename Cell>
void for_each_in_run(const RowGeometry& g, int first, int last, Cell&& cell) {
  if (first > last) return;
  if (first < g.evens) {
    const int lo = std::max(first, 1), hi = std::min(last, g.last_even_interior());
    int p = first;
    for (; p < lo && p <= last; ++p) cell(p, g.east(p), g.west(p));
    for (; p <= hi; ++p) cell(p, g.evens + p, g.evens + p - 1);
    for (; p <= last; ++p) cell(p, g.east(p), g.west(p));
  } else {
    const int hi = std::min(last, g.evens + g.last_odd_interior());
    int p = first;
    for (; p <= hi; ++p) cell(p, p - g.evens + 1, p - g.evens);
    for (; p <= last; ++p) cell(p, g.east(p), g.west(p));
  }
}

// As for_each_in_run, but hands the interior to span(first, count, east, west),
// the positions of the first interior cell's east and west neighbours.
template <typename Cell, typename Span>
void for_each_in_run_spans(const RowGeometry& g, int first, int last, Cell&& cell, Span&& span) {
  if (first > last) return;
  if (first < g.evens) {
    const int lo = std::max(first, 1), hi = std::min(last, g.last_even_interior());
    int p = first;
    for (; p < lo && p <= last; ++p) cell(p, g.east(p), g.west(p));
    if (p <= hi) {
      span(p, hi - p + 1, g.evens + p, g.evens + p - 1);
      p = hi + 1;
    }
    for (; p <= last; ++p) cell(p, g.east(p), g.west(p));
  } else {
    const int hi = std::min(last, g.evens + g.last_odd_interior());
    int p = first;
    if (p <= hi) {
      span(p, hi - p + 1, p - g.evens + 1, p - g.evens);
      p = hi + 1;
    }
    for (; p <= last; ++p) cell(p, g.east(p), g.west(p));
  }
}

// The interior of a run, where every neighbour sits at a fixed offset: plain
// arrays that do not overlap (the own half of the row is written; the other half,
// the rows north and south and the plane below are only read), so the compiler
// vectorises the loop. Forward elimination: x = (b + lateral + below) * inv.
template <typename Real, bool kHasBelow>
void relax_span(int count, const Real* __restrict b, Real* __restrict x,
                const Real* __restrict x_east, const Real* __restrict x_west,
                const Real* __restrict x_north, const Real* __restrict x_south,
                const Real* __restrict tx, const Real* __restrict tx_west,
                const Real* __restrict ty, const Real* __restrict ty_south,
                const Real* __restrict tz_below, const Real* __restrict x_below,
                const Real* __restrict inv) {
  for (int n = 0; n < count; ++n) {
    Real rhs = b[n] + tx[n] * x_east[n] + tx_west[n] * x_west[n] + ty[n] * x_north[n] +
               ty_south[n] * x_south[n];
    if constexpr (kHasBelow) rhs += tz_below[n] * x_below[n];
    x[n] = rhs * inv[n];
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
    Real diagonal = shift * cap[n] + sinks[n] + tx[n] + tx_west[n] + ty[n] + ty_south[n];
    Real applied =
        -tx[n] * x_east[n] - tx_west[n] * x_west[n] - ty[n] * x_north[n] - ty_south[n] * x_south[n];
    if constexpr (kHasAbove) {
      diagonal += tz[n];
      applied -= tz[n] * x_above[n];
    }
    if constexpr (kHasBelow) {
      diagonal += tz_below[n];
      applied -= tz_below[n] * x_below[n];
    }
    r[n] = b[n] - (applied + diagonal * x[n]);
  }
}

// Back substitution over a run: x += tz * inv * x_above.
template <typename Real>
void substitute_span(int count, Real* __restrict x, const Real* __restrict x_above,
                     const Real* __restrict tz, const Real* __restrict inv) {
  for (int n = 0; n < count; ++n) x[n] += tz[n] * inv[n] * x_above[n];
}

}  // namespace

template <typename Real>
LineSmoother<Real>::LineSmoother(const StencilLevel<Real>& level)
    : level_(level), inverse_pivot_(level.size(), Real(0)) {
  const bool odd_wrap = level.periodic && ((level.nx > 1 && level.nx % 2 == 1) ||
                                           (level.ny > 1 && level.ny % 2 == 1));
  colours_ = odd_wrap ? 3 : 2;
  runs_.assign(static_cast<std::size_t>(colours_),
               std::vector<std::vector<Run>>(static_cast<std::size_t>(level.ny)));
  const RowGeometry g(level.nx);
  for (int j = 0; j < level.ny; ++j) {
    int previous = -1;
    for (int p = 0; p < level.nx; ++p) {
      const int colour = (axis_colour(g.column(p), level.nx, level.periodic) +
                          axis_colour(j, level.ny, level.periodic)) %
                         colours_;
      auto& runs = runs_[static_cast<std::size_t>(colour)][static_cast<std::size_t>(j)];
      // A run never crosses from the even half into the odd one.
      if (colour == previous && p != g.evens)
        runs.back().last = p;
      else
        runs.push_back({p, p});
      previous = colour;
    }
  }
  single_column_colour_ =
      (axis_colour(0, level.nx, level.periodic) + axis_colour(0, level.ny, level.periodic)) %
      colours_;
}

template <typename Real>
void LineSmoother<Real>::set_shift(double shift) {
  shift_ = shift;
  const int nx = level_.nx, ny = level_.ny, nz = level_.nz;
  const std::size_t plane = level_.columns();
  const RowGeometry g(nx);
  const Real* cap = level_.capacity.data();
  const Real* sinks = level_.sinks.data();
  const Real* tx = level_.tx.data();
  const Real* ty = level_.ty.data();
  const Real* tz = level_.tz.data();
  const bool single = level_.columns() == 1;
  if (single) single_column_pivot_.assign(static_cast<std::size_t>(nz), 0.0);
  Real* inv = inverse_pivot_.data();
  double* single_inv = single_column_pivot_.data();
  // Pivots m_0 = a_0, m_k = a_k - tz_{k-1}^2 / m_{k-1} per column, in double; the
  // diagonal a is shift * capacity + sinks + the six faces.
#pragma omp parallel for schedule(static) if (level_.size() >= core::kParallelThreshold)
  for (int j = 0; j < ny; ++j) {
    const std::size_t row = static_cast<std::size_t>(nx) * static_cast<std::size_t>(j);
    const std::size_t south =
        static_cast<std::size_t>(nx) * static_cast<std::size_t>(j > 0 ? j - 1 : ny - 1);
    std::vector<double> previous(static_cast<std::size_t>(nx), 0.0);
    for (int k = 0; k < nz; ++k) {
      const std::size_t o = plane * static_cast<std::size_t>(k);
      for (int p = 0; p < nx; ++p) {
        const std::size_t c = o + row + static_cast<std::size_t>(p);
        const std::size_t w = o + row + static_cast<std::size_t>(g.west(p));
        const double below = k > 0 ? double(tz[c - plane]) : 0.0;
        const double a = shift * cap[c] + sinks[c] + tx[c] + tx[w] + ty[c] +
                         ty[o + south + static_cast<std::size_t>(p)] + tz[c] + below;
        double& m = previous[static_cast<std::size_t>(p)];
        m = k > 0 ? a - below * below / m : a;
        inv[c] = static_cast<Real>(1.0 / m);
        if (single) single_inv[k] = 1.0 / m;
      }
    }
  }
}

template <typename Real>
void LineSmoother<Real>::relax_colour(int colour, const Real* b, Real* x) const {
  const int ny = level_.ny, nz = level_.nz;
  const std::size_t plane = level_.columns();
  const RowGeometry g(level_.nx);
  const Real* tx = level_.tx.data();
  const Real* ty = level_.ty.data();
  const Real* tz = level_.tz.data();
  const Real* inv = inverse_pivot_.data();
  const auto& rows = runs_[static_cast<std::size_t>(colour)];

  // The columns of one colour in a row are solved together, k outer and the run's
  // positions inner, so memory is read in order. Neighbours are of other colours:
  // not written in this pass.
#pragma omp parallel for schedule(static) if (level_.size() >= core::kParallelThreshold)
  for (int j = 0; j < ny; ++j) {
    const std::vector<Run>& runs = rows[static_cast<std::size_t>(j)];
    if (runs.empty()) continue;
    const std::size_t nx = static_cast<std::size_t>(g.nx);
    const std::size_t row = nx * static_cast<std::size_t>(j);
    const std::size_t north = nx * static_cast<std::size_t>(j + 1 < ny ? j + 1 : 0);
    const std::size_t south = nx * static_cast<std::size_t>(j > 0 ? j - 1 : ny - 1);
    // Forward elimination with the lateral neighbours on the right-hand side:
    // g_k = (rhs_k + tz_{k-1} g_{k-1}) / m_k, stored in x.
    for (int k = 0; k < nz; ++k) {
      const std::size_t o = plane * static_cast<std::size_t>(k);
      Real* xr = x + o + row;
      const Real* txr = tx + o + row;
      const Real* xn = x + o + north;
      const Real* xs = x + o + south;
      const Real* tys = ty + o + south;
      const std::size_t own = o + row;
      auto relax = [&](int p, int e, int w) {
        const std::size_t c = own + static_cast<std::size_t>(p);
        Real rhs = b[c] + tx[c] * xr[e] + txr[w] * xr[w] + ty[c] * xn[p] + tys[p] * xs[p];
        if (k > 0) rhs += tz[c - plane] * x[c - plane];
        x[c] = rhs * inv[c];
      };
      // Interior positions first .. first + count - 1 with neighbours at east/west.
      auto span = [&](int first, int count, int east, int west) {
        const std::size_t c = own + static_cast<std::size_t>(first);
        const auto e = static_cast<std::size_t>(east), w = static_cast<std::size_t>(west);
        if (k > 0)
          relax_span<Real, true>(count, b + c, x + c, xr + e, xr + w, xn + first, xs + first,
                                 tx + c, txr + w, ty + c, tys + first, tz + c - plane,
                                 x + c - plane, inv + c);
        else
          relax_span<Real, false>(count, b + c, x + c, xr + e, xr + w, xn + first, xs + first,
                                  tx + c, txr + w, ty + c, tys + first, nullptr, nullptr, inv + c);
      };
      for (const Run& run : runs) {
        // One row (ny = 1): north and south are the row itself; no fast path.
        if (ny == 1) {
          for_each_in_run(g, run.first, run.last, relax);
          continue;
        }
        for_each_in_run_spans(g, run.first, run.last, relax, span);
      }
    }
    // Back substitution: x_k = g_k + tz_k / m_k x_{k+1}.
    for (int k = nz - 2; k >= 0; --k) {
      const std::size_t o = plane * static_cast<std::size_t>(k) + row;
      for (const Run& run : runs) {
        const std::size_t c = o + static_cast<std::size_t>(run.first);
        substitute_span(run.last - run.first + 1, x + c, x + c + plane, tz + c, inv + c);
      }
    }
  }
}

template <typename Real>
void LineSmoother<Real>::sweep(const Real* b, Real* x, bool forward) const {
  for (int n = 0; n < colours_; ++n) relax_colour(forward ? n : colours_ - 1 - n, b, x);
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
  for (int k = nz - 2; k >= 0; --k) g[k] += double(tz[k]) * inv[k] * g[k + 1];
  for (int k = 0; k < nz; ++k) x[k] = static_cast<Real>(g[k]);
}

template <typename Real>
void LineSmoother<Real>::residual(const Real* b, const Real* in, Real* r) const {
  const int ny = level_.ny, nz = level_.nz;
  const std::size_t plane = level_.columns();
  const RowGeometry g(level_.nx);
  const Real shift = static_cast<Real>(shift_);
  const Real* cap = level_.capacity.data();
  const Real* sinks = level_.sinks.data();
  const Real* tx = level_.tx.data();
  const Real* ty = level_.ty.data();
  const Real* tz = level_.tz.data();
  const std::size_t rows = static_cast<std::size_t>(ny) * static_cast<std::size_t>(nz);
#pragma omp parallel for schedule(static) if (level_.size() >= core::kParallelThreshold)
  for (std::size_t n = 0; n < rows; ++n) {
    const int k = static_cast<int>(n / static_cast<std::size_t>(ny));
    const int j = static_cast<int>(n % static_cast<std::size_t>(ny));
    const std::size_t nx = static_cast<std::size_t>(g.nx);
    const std::size_t o = plane * static_cast<std::size_t>(k);
    const std::size_t row = o + nx * static_cast<std::size_t>(j);
    const std::size_t north = o + nx * static_cast<std::size_t>(j + 1 < ny ? j + 1 : 0);
    const std::size_t south = o + nx * static_cast<std::size_t>(j > 0 ? j - 1 : ny - 1);
    const bool has_up = k + 1 < nz, has_down = k > 0;
    auto cell = [&](int p, int e, int w) {
      const std::size_t c = row + static_cast<std::size_t>(p);
      const std::size_t cw = row + static_cast<std::size_t>(w);
      const std::size_t cs = south + static_cast<std::size_t>(p);
      const Real up = has_up ? in[c + plane] : Real(0);
      const Real down = has_down ? in[c - plane] : Real(0);
      const Real tz_up = has_up ? tz[c] : Real(0);
      const Real tz_down = has_down ? tz[c - plane] : Real(0);
      const Real diagonal =
          shift * cap[c] + sinks[c] + tx[c] + tx[cw] + ty[c] + ty[cs] + tz_up + tz_down;
      const Real applied = -tx[c] * in[row + static_cast<std::size_t>(e)] - tx[cw] * in[cw] -
                           ty[c] * in[north + static_cast<std::size_t>(p)] - ty[cs] * in[cs] -
                           tz_up * up - tz_down * down;
      r[c] = b[c] - (applied + diagonal * in[c]);
    };
    auto span = [&](int first, int count, int east, int west) {
      const std::size_t c = row + static_cast<std::size_t>(first);
      const auto e = static_cast<std::size_t>(east), w = static_cast<std::size_t>(west);
      const std::size_t f = static_cast<std::size_t>(first);
      const Real* below = has_down ? in + c - plane : nullptr;
      const Real* above = has_up ? in + c + plane : nullptr;
      const Real* tz_below = has_down ? tz + c - plane : nullptr;
      auto call = [&](auto has_below, auto has_above) {
        residual_span<Real, decltype(has_below)::value, decltype(has_above)::value>(
            count, shift, b + c, in + c, in + row + e, in + row + w, in + north + f, in + south + f,
            below, above, cap + c, sinks + c, tx + c, tx + row + w, ty + c, ty + south + f, tz + c,
            tz_below, r + c);
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
    if (ny == 1) {
      for_each_in_run(g, 0, g.evens - 1, cell);
      for_each_in_run(g, g.evens, g.nx - 1, cell);
    } else {
      for_each_in_run_spans(g, 0, g.evens - 1, cell, span);
      for_each_in_run_spans(g, g.evens, g.nx - 1, cell, span);
    }
  }
}

template class LineSmoother<float>;
template class LineSmoother<double>;

}  // namespace dermaflux::linear
