// CG's set-up r = b - S x with ||b||^2 and ||r||^2 (linear/LinearOperator.hpp) in one
// pass over memory: the apply and the sums were two, and a third wrote r, so that a
// step whose extrapolated guess already meets the tolerance (most steps of a case
// past its time scale, benchmarks/RESULTS.md "Issue 18's table") read x, the stencil
// and b once. Each chunk of core::kReductionChunk cells is walked by rows and its
// sums added cell by cell in order, so the sums are bitwise those of
// core::deterministic_sums, and each r_c is bitwise b_c - (apply's (S x)_c).

#include <algorithm>
#include <array>
#include <vector>

#include "core/Parallel.hpp"
#include "operator/DiffusionOperator.hpp"
#include "stencil/StencilKernels.hpp"

namespace dermaflux::op {

using stencil::Around;

namespace {

// out[i] = b[i] - (S x)_i for the cells [i_begin, i_end) of one row of nx cells,
// every array offset to the row (ty_south, tz_below, x_north... to the neighbour
// rows), as DiffusionOperator::apply_in_team_impl computes each cell. The
// parameters are restrict so that the loop vectorises: out is r or a row buffer,
// never an input.
template <bool kHasBelow>
[[gnu::noinline]] void row_residual(
    int nx, int i_begin, int i_end, const double* __restrict diag, const double* __restrict tx,
    const double* __restrict ty, const double* __restrict ty_south, const double* __restrict tz,
    const double* __restrict tz_below, const double* __restrict x, const double* __restrict x_north,
    const double* __restrict x_south, const double* __restrict x_above,
    const double* __restrict x_below, const double* __restrict b, double* __restrict out) {
  auto cell = [&](int i, int e, int w) {
    const Around<double> faces{tx[i], tx[w], ty[i], ty_south[i], tz[i], tz_below[i]};
    const Around<double> values{x[e], x[w], x_north[i], x_south[i], x_above[i], x_below[i]};
    out[i] = b[i] - stencil::apply_cell(diag[i], x[i], faces, values, kHasBelow);
  };
  int i = i_begin;
  if (nx == 1) {
    cell(0, 0, 0);
    return;
  }
  if (i == 0) {
    cell(0, 1, nx - 1);
    ++i;
  }
  const int interior_end = std::min(i_end, nx - 1);
  for (; i < interior_end; ++i) cell(i, i + 1, i - 1);
  if (i < i_end) cell(nx - 1, 0, nx - 2);
}

}  // namespace

std::array<double, 2> DiffusionOperator::residual_in_team_impl(core::TeamSums& sums,
                                                               const linear::Vector& b,
                                                               const linear::Vector& x,
                                                               linear::Vector& r,
                                                               bool store_residual) const {
  const int nx = grid_.nx(), ny = grid_.ny(), nz = grid_.nz();
  const auto row_length = static_cast<std::size_t>(nx);
  const std::size_t plane = row_length * static_cast<std::size_t>(ny);
  const std::size_t count = size();
  const double* in = x.data();
  const double* pb = b.data();
  const double* diag = diagonal_.data();
  const double* tx = tx_.data();
  const double* ty = ty_.data();
  const double* tz = tz_.data();
  // Without r, a row's residuals go to this thread's row buffer (it stays in cache).
  std::vector<double> row_buffer(store_residual ? 0 : row_length);

  return sums.sums_of_chunks<2>(count, [&](std::size_t chunk) {
    const std::size_t begin = chunk * core::kReductionChunk;
    const std::size_t end = std::min(begin + core::kReductionChunk, count);
    double b_squares = 0.0, r_squares = 0.0;  // added in order, as chunk_sums adds
    for (std::size_t first = begin; first < end;) {
      const std::size_t line = first / row_length;  // j + ny k
      const int j = static_cast<int>(line % static_cast<std::size_t>(ny));
      const int k = static_cast<int>(line / static_cast<std::size_t>(ny));
      const std::size_t row = line * row_length;
      const int i_begin = static_cast<int>(first - row);
      const int i_end = static_cast<int>(std::min(end - row, row_length));
      const std::size_t north = grid_.index(0, stencil::next_wrapped(j, ny), k);
      const std::size_t south = grid_.index(0, stencil::previous_wrapped(j, ny), k);
      const std::size_t up = k + 1 < nz ? row + plane : row;
      const std::size_t down = k > 0 ? row - plane : row;
      double* out = store_residual ? r.data() + row : row_buffer.data();
      // Not inlined: inlined, it lost its restrict and no longer vectorised.
      (k > 0 ? row_residual<true> : row_residual<false>)(nx, i_begin, i_end, diag + row, tx + row,
                                                         ty + row, ty + south, tz + row, tz + down,
                                                         in + row, in + north, in + south, in + up,
                                                         in + down, pb + row, out);
      const double* b_row = pb + row;
      for (int i = i_begin; i < i_end; ++i) {
        b_squares += b_row[i] * b_row[i];
        r_squares += out[i] * out[i];
      }
      first = row + static_cast<std::size_t>(i_end);
    }
    return std::array<double, 2>{b_squares, r_squares};
  });
}

}  // namespace dermaflux::op
