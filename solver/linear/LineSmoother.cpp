#include "linear/LineSmoother.hpp"

#include <algorithm>

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
      const Real* xr = x + o + row;
      const Real* txr = tx + o + row;
      const Real* xn = x + o + north;
      const Real* xs = x + o + south;
      const Real* tys = ty + o + south;
      auto relax = [&](int p, int e, int w) {
        const std::size_t c = o + row + static_cast<std::size_t>(p);
        Real rhs = b[c] + tx[c] * xr[e] + txr[w] * xr[w] + ty[c] * xn[p] + tys[p] * xs[p];
        if (k > 0) rhs += tz[c - plane] * x[c - plane];
        x[c] = rhs * inv[c];
      };
      for (const Run& run : runs) for_each_in_run(g, run.first, run.last, relax);
    }
    // Back substitution: x_k = g_k + tz_k / m_k x_{k+1}.
    for (int k = nz - 2; k >= 0; --k) {
      const std::size_t o = plane * static_cast<std::size_t>(k) + row;
      for (const Run& run : runs)
        for (int p = run.first; p <= run.last; ++p) {
          const std::size_t c = o + static_cast<std::size_t>(p);
          x[c] += tz[c] * inv[c] * x[c + plane];
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
      const Real tz_down = has_down ? tz[c - plane] : Real(0);
      const Real diagonal =
          shift * cap[c] + sinks[c] + tx[c] + tx[cw] + ty[c] + ty[cs] + tz[c] + tz_down;
      const Real applied = diagonal * in[c] - tx[c] * in[row + static_cast<std::size_t>(e)] -
                           tx[cw] * in[cw] - ty[c] * in[north + static_cast<std::size_t>(p)] -
                           ty[cs] * in[cs] - tz[c] * up - tz_down * down;
      r[c] = b[c] - applied;
    };
    for_each_in_run(g, 0, g.evens - 1, cell);
    for_each_in_run(g, g.evens, g.nx - 1, cell);
  }
}

template class LineSmoother<float>;
template class LineSmoother<double>;

}  // namespace dermaflux::linear
