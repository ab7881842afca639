#include "linear/LineSmoother.hpp"

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

}  // namespace

LineSmoother::LineSmoother(const StencilLevel& level)
    : level_(level),
      diagonal_(level.size(), 0.0),
      inverse_pivot_(level.size(), 0.0),
      column_colour_(level.columns(), 0) {
  const bool odd_wrap = level.periodic && ((level.nx > 1 && level.nx % 2 == 1) ||
                                           (level.ny > 1 && level.ny % 2 == 1));
  colours_ = odd_wrap ? 3 : 2;
  runs_.assign(static_cast<std::size_t>(colours_),
               std::vector<std::vector<Run>>(static_cast<std::size_t>(level.ny)));
  for (int j = 0; j < level.ny; ++j)
    for (int i = 0; i < level.nx; ++i) {
      const int colour =
          (axis_colour(i, level.nx, level.periodic) + axis_colour(j, level.ny, level.periodic)) %
          colours_;
      column_colour_[static_cast<std::size_t>(i) + static_cast<std::size_t>(level.nx) * j] = colour;
      auto& runs = runs_[static_cast<std::size_t>(colour)][static_cast<std::size_t>(j)];
      if (!runs.empty() && runs.back().last == i - 2)
        runs.back().last = i;
      else
        runs.push_back({i, i});
    }
}

void LineSmoother::set_shift(double shift) {
  shift_ = shift;
  const std::size_t plane = level_.columns();
  const std::size_t cells = level_.size();
  const double* cap = level_.capacity;
  const double* static_diagonal = level_.static_diagonal;
  const double* tz = level_.tz;
  double* diag = diagonal_.data();
  double* inv = inverse_pivot_.data();
#pragma omp parallel for schedule(static) if (cells >= core::kParallelThreshold)
  for (std::size_t c = 0; c < cells; ++c) diag[c] = shift * cap[c] + static_diagonal[c];
    // Pivots m_0 = a_0, m_k = a_k - tz_{k-1}^2 / m_{k-1}; columns are independent.
#pragma omp parallel for schedule(static) if (cells >= core::kParallelThreshold)
  for (int j = 0; j < level_.ny; ++j) {
    const std::size_t row = static_cast<std::size_t>(level_.nx) * static_cast<std::size_t>(j);
    for (int i = 0; i < level_.nx; ++i) inv[row + i] = 1.0 / diag[row + i];
    for (int k = 1; k < level_.nz; ++k) {
      const std::size_t base = plane * static_cast<std::size_t>(k) + row;
      for (int i = 0; i < level_.nx; ++i) {
        const std::size_t c = base + i;
        const double t = tz[c - plane];
        inv[c] = 1.0 / (diag[c] - t * t * inv[c - plane]);
      }
    }
  }
}

void LineSmoother::relax_colour(int colour, const double* b, double* x) const {
  const int nx = level_.nx, ny = level_.ny, nz = level_.nz;
  const std::size_t plane = level_.columns();
  const double* tx = level_.tx;
  const double* ty = level_.ty;
  const double* tz = level_.tz;
  const double* inv = inverse_pivot_.data();
  const auto& rows = runs_[static_cast<std::size_t>(colour)];

  // The columns of one colour in a row are solved together, k outer and i inner,
  // so memory is read in order rather than one column (a plane apart per cell) at
  // a time. Neighbours are of other colours: not written in this pass.
#pragma omp parallel for schedule(static) if (level_.size() >= core::kParallelThreshold)
  for (int j = 0; j < ny; ++j) {
    const std::vector<Run>& runs = rows[static_cast<std::size_t>(j)];
    if (runs.empty()) continue;
    const std::size_t row = static_cast<std::size_t>(nx) * static_cast<std::size_t>(j);
    const std::size_t north =
        static_cast<std::size_t>(nx) * static_cast<std::size_t>(j + 1 < ny ? j + 1 : 0);
    const std::size_t south =
        static_cast<std::size_t>(nx) * static_cast<std::size_t>(j > 0 ? j - 1 : ny - 1);
    // Forward elimination with the lateral neighbours on the right-hand side:
    // g_k = (rhs_k + tz_{k-1} g_{k-1}) / m_k, stored in x. Across a closed side
    // tx is 0, so the wrapped index of the end cells reads a valid cell and adds
    // nothing; interior cells take their neighbours at +-1 without a test.
    for (int k = 0; k < nz; ++k) {
      const std::size_t o = plane * static_cast<std::size_t>(k);
      const double* below = k > 0 ? x + o - plane : nullptr;
      const double* tz_below = k > 0 ? tz + o - plane : nullptr;
      auto relax = [&](int i, int e, int w) {
        const std::size_t c = o + row + static_cast<std::size_t>(i);
        const std::size_t ce = o + row + static_cast<std::size_t>(e);
        const std::size_t cw = o + row + static_cast<std::size_t>(w);
        const std::size_t cn = o + north + static_cast<std::size_t>(i);
        const std::size_t cs = o + south + static_cast<std::size_t>(i);
        double rhs = b[c] + tx[c] * x[ce] + tx[cw] * x[cw] + ty[c] * x[cn] + ty[cs] * x[cs];
        if (below) rhs += tz_below[row + i] * below[row + i];
        x[c] = rhs * inv[c];
      };
      for (const Run& run : runs) {
        int first = run.first, last = run.last;
        if (first == 0) {
          relax(0, nx > 1 ? 1 : 0, nx - 1);
          first += 2;
        }
        const bool last_is_end = last == nx - 1 && last >= first;
        if (last_is_end) last -= 2;
        for (int i = first; i <= last; i += 2) relax(i, i + 1, i - 1);
        if (last_is_end) relax(nx - 1, 0, nx - 2);
      }
    }
    // Back substitution: x_k = g_k + tz_k / m_k x_{k+1}.
    for (int k = nz - 2; k >= 0; --k) {
      const std::size_t o = plane * static_cast<std::size_t>(k) + row;
      for (const Run& run : runs)
        for (int i = run.first; i <= run.last; i += 2) {
          const std::size_t c = o + static_cast<std::size_t>(i);
          x[c] += tz[c] * inv[c] * x[c + plane];
        }
    }
  }
}

void LineSmoother::sweep(const double* b, double* x, bool forward) const {
  for (int n = 0; n < colours_; ++n) relax_colour(forward ? n : colours_ - 1 - n, b, x);
}

void LineSmoother::solve_single_column(const double* b, double* x) const {
  // With one column there are no lateral neighbours: one relaxation is exact.
  relax_colour(column_colour_[0], b, x);
}

void LineSmoother::apply(const double* in, double* out) const {
  const int nx = level_.nx, ny = level_.ny, nz = level_.nz;
  const std::size_t plane = level_.columns();
  const double* diag = diagonal_.data();
  const double* tx = level_.tx;
  const double* ty = level_.ty;
  const double* tz = level_.tz;
#pragma omp parallel for schedule(static) if (level_.size() >= core::kParallelThreshold)
  for (int k = 0; k < nz; ++k) {
    const std::size_t o = plane * static_cast<std::size_t>(k);
    for (int j = 0; j < ny; ++j) {
      const std::size_t row = o + static_cast<std::size_t>(nx) * j;
      const std::size_t north = o + static_cast<std::size_t>(nx) * (j + 1 < ny ? j + 1 : 0);
      const std::size_t south = o + static_cast<std::size_t>(nx) * (j > 0 ? j - 1 : ny - 1);
      for (int i = 0; i < nx; ++i) {
        const std::size_t c = row + i;
        const std::size_t e = row + (i + 1 < nx ? i + 1 : 0);
        const std::size_t w = row + (i > 0 ? i - 1 : nx - 1);
        double v = diag[c] * in[c] - tx[c] * in[e] - tx[w] * in[w] - ty[c] * in[north + i] -
                   ty[south + i] * in[south + i];
        if (k + 1 < nz) v -= tz[c] * in[c + plane];
        if (k > 0) v -= tz[c - plane] * in[c - plane];
        out[c] = v;
      }
    }
  }
}

}  // namespace dermaflux::linear
