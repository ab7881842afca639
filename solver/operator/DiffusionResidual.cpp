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
    std::array<double, 2> sum{};
    for (std::size_t first = begin; first < end;) {
      const std::size_t line = first / row_length;  // j + ny k
      const int j = static_cast<int>(line % static_cast<std::size_t>(ny));
      const int k = static_cast<int>(line / static_cast<std::size_t>(ny));
      const std::size_t row = line * row_length;
      const int i_begin = static_cast<int>(first - row);
      const int i_end = static_cast<int>(std::min(end - row, row_length));
      // As DiffusionOperator::apply_in_team_impl, cell for cell.
      const std::size_t north = grid_.index(0, stencil::next_wrapped(j, ny), k);
      const std::size_t south = grid_.index(0, stencil::previous_wrapped(j, ny), k);
      const std::size_t up = k + 1 < nz ? row + plane : row;
      const std::size_t down = k > 0 ? row - plane : row;
      const bool has_down = k > 0;
      double* out = store_residual ? r.data() + row : row_buffer.data();
      auto cell = [&](int i, int e, int w) {
        const std::size_t c = row + static_cast<std::size_t>(i);
        const Around<double> faces{tx[c], tx[row + w], ty[c], ty[south + i], tz[c], tz[down + i]};
        const Around<double> values{in[row + e],   in[row + w], in[north + i],
                                    in[south + i], in[up + i],  in[down + i]};
        out[i] = pb[c] - stencil::apply_cell(diag[c], in[c], faces, values, has_down);
      };
      int i = i_begin;
      if (nx == 1) {
        cell(0, 0, 0);
        ++i;
      } else if (i == 0) {
        cell(0, 1, nx - 1);
        ++i;
      }
      const int interior_end = std::min(i_end, nx - 1);
      for (; i < interior_end; ++i) cell(i, i + 1, i - 1);
      if (i < i_end) cell(nx - 1, 0, nx - 2);
      for (int n = i_begin; n < i_end; ++n) {
        const double bn = pb[row + static_cast<std::size_t>(n)];
        sum[0] += bn * bn;
        sum[1] += out[n] * out[n];
      }
      first = row + static_cast<std::size_t>(i_end);
    }
    return sum;
  });
}

}  // namespace dermaflux::op
