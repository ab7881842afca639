// CG's set-up r = b - S x with ||b||^2 and ||r||^2 (linear/LinearOperator.hpp) in one
// pass over memory: the apply and the sums were two, and a third wrote r, so that a
// step whose extrapolated guess already meets the tolerance (most steps of a case
// past its time scale, benchmarks/RESULTS.md "Issue 18's table") read x, the stencil
// and b once. Each chunk of core::kReductionChunk cells is walked by rows and its
// sums added cell by cell in order, so the sums are bitwise those of
// core::deterministic_sums, and each r_c is bitwise b_c - (apply's (S x)_c).

#include <emmintrin.h>

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
// rows), each cell as stencil::apply_cell computes it, and b[i]^2 and out[i]^2
// added to sums[0] and sums[1] cell by cell in order. The interior cells go in
// pairs (SSE2, the same operations on each lane as apply_cell's), the pair's
// squares then added lane by lane: the chain of dependent additions runs beside
// the next pair's stencil, where a stencil loop and then a sum loop ran one after
// the other (the sums were a fifth of the pass).
template <bool kHasBelow>
[[gnu::noinline]] void row_residual(int nx, int i_begin, int i_end, const double* __restrict diag,
                                    const double* __restrict tx, const double* __restrict ty,
                                    const double* __restrict ty_south, const double* __restrict tz,
                                    const double* __restrict tz_below, const double* __restrict x,
                                    const double* __restrict x_north,
                                    const double* __restrict x_south,
                                    const double* __restrict x_above,
                                    const double* __restrict x_below, const double* __restrict b,
                                    double* __restrict out, double* sums) {
  double b_squares = sums[0], r_squares = sums[1];
  auto cell = [&](int i, int e, int w) {
    const Around<double> faces{tx[i], tx[w], ty[i], ty_south[i], tz[i], tz_below[i]};
    const Around<double> values{x[e], x[w], x_north[i], x_south[i], x_above[i], x_below[i]};
    const double residual = b[i] - stencil::apply_cell(diag[i], x[i], faces, values, kHasBelow);
    out[i] = residual;
    b_squares += b[i] * b[i];
    r_squares += residual * residual;
  };
  int i = i_begin;
  if (nx == 1) {
    cell(0, 0, 0);
    i = i_end;
  } else if (i == 0) {
    cell(0, 1, nx - 1);
    ++i;
  }
  const int interior_end = std::min(i_end, nx - 1);
  for (; i + 1 < interior_end; i += 2) {
    const auto load = [i](const double* a) { return _mm_loadu_pd(a + i); };
    __m128d applied = _mm_mul_pd(load(diag), load(x));
    applied = _mm_sub_pd(applied, _mm_add_pd(_mm_mul_pd(load(tx), load(x + 1)),
                                             _mm_mul_pd(load(tx - 1), load(x - 1))));
    applied = _mm_sub_pd(applied, _mm_add_pd(_mm_mul_pd(load(ty), load(x_north)),
                                             _mm_mul_pd(load(ty_south), load(x_south))));
    applied = _mm_sub_pd(applied, _mm_mul_pd(load(tz), load(x_above)));
    if constexpr (kHasBelow)
      applied = _mm_sub_pd(applied, _mm_mul_pd(load(tz_below), load(x_below)));
    const __m128d b_pair = load(b);
    const __m128d residual = _mm_sub_pd(b_pair, applied);
    _mm_storeu_pd(out + i, residual);
    const __m128d b_square = _mm_mul_pd(b_pair, b_pair), r_square = _mm_mul_pd(residual, residual);
    b_squares += _mm_cvtsd_f64(b_square);
    r_squares += _mm_cvtsd_f64(r_square);
    b_squares += _mm_cvtsd_f64(_mm_unpackhi_pd(b_square, b_square));
    r_squares += _mm_cvtsd_f64(_mm_unpackhi_pd(r_square, r_square));
  }
  for (; i < interior_end; ++i) cell(i, i + 1, i - 1);
  if (i < i_end) cell(nx - 1, 0, nx - 2);
  sums[0] = b_squares;
  sums[1] = r_squares;
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
    double squares[2] = {0.0, 0.0};  // of b and r, added in order as chunk_sums adds
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
      (k > 0 ? row_residual<true> : row_residual<false>)(nx, i_begin, i_end, diag + row, tx + row,
                                                         ty + row, ty + south, tz + row, tz + down,
                                                         in + row, in + north, in + south, in + up,
                                                         in + down, pb + row, out, squares);
      first = row + static_cast<std::size_t>(i_end);
    }
    return std::array<double, 2>{squares[0], squares[1]};
  });
}

}  // namespace dermaflux::op
