#include "linear/ZLineJoin.hpp"

#include <algorithm>

namespace dermaflux::linear {

template <typename Real>
ZLineJoin<Real>::ZLineJoin(const StencilLevel<Real>& level, std::vector<Real> t_bottom,
                           std::vector<Real> t_top, int position, int parts)
    : level_(level),
      t_bottom_(std::move(t_bottom)),
      t_top_(std::move(t_top)),
      position_(position),
      parts_(parts) {
  const PlaneLayout& layout = level.layout;
  slots_.resize(static_cast<std::size_t>(layout.colours()));
  for (int j = 0; j < level.ny; ++j)
    for (int cls = 0; cls < 3; ++cls) {
      auto& slots = slots_[static_cast<std::size_t>(layout.colour(cls, j))];
      for (int r = 0; r < layout.length(cls); ++r)
        slots.push_back(layout.offset(cls, j) + static_cast<std::size_t>(r));
    }
}

template <typename Real>
void ZLineJoin<Real>::set_spikes(const LineSmoother<Real>& smoother) {
  const std::size_t plane = level_.columns(), n = level_.size();
  const std::size_t top = plane * static_cast<std::size_t>(level_.nz - 1);
  // The segments' response to t at one end: each colour's lines alone, from zero
  // (their lateral neighbours, of other colours, stay zero).
  auto make_spike = [&](const std::vector<Real>& t, std::size_t at, std::vector<Real>& spike) {
    spike.clear();
    if (t.empty()) return;
    spike.assign(n, Real(0));
    std::vector<Real> b(n, Real(0)), x(n);
    for (int j = 0; j < level_.ny; ++j)
      for (int i = 0; i < level_.nx; ++i)
        b[at + level_.layout.index(i, j)] =
            t[static_cast<std::size_t>(i) + static_cast<std::size_t>(level_.nx) * j];
    for (int colour = 0; colour < smoother.colours(); ++colour) {
      std::fill(x.begin(), x.end(), Real(0));
      smoother.relax_one_colour(colour, b.data(), x.data());
      for (int k = 0; k < level_.nz; ++k)
        for (std::size_t s : slots_[static_cast<std::size_t>(colour)])
          spike[s + plane * k] = x[s + plane * k];
    }
  };
  make_spike(t_bottom_, 0, v_);
  make_spike(t_top_, top, w_);
}

template <typename Real>
void ZLineJoin<Real>::round(int step, std::size_t lines, parallel::FaceExchange& exchange) const {
  // Round `step`: block `step` sends up, block parts - 1 - step down; their
  // neighbours answer with pairs of zeros (an exchange goes both ways).
  const int p = position_, last = parts_ - 1;
  const bool up = p == step || p == last - 1 - step;
  const bool down = p == last - step || p == step + 1;
  outgoing_ = {};
  if (up) outgoing_[5] = p == step ? up_ : std::vector<double>(2 * lines, 0.0);
  if (down) outgoing_[4] = p == last - step ? down_ : std::vector<double>(2 * lines, 0.0);
  exchange.exchange(outgoing_, incoming_);
  if (down && p == step + 1) below_ = incoming_[4];
  if (up && p == last - 1 - step) above_ = incoming_[5];
}

template <typename Real>
void ZLineJoin<Real>::join(int colour, Real* x, parallel::FaceExchange& exchange) const {
  const std::vector<std::size_t>& slots = slots_[static_cast<std::size_t>(colour)];
  const std::size_t m = slots.size(), plane = level_.columns();
  const std::size_t top = plane * static_cast<std::size_t>(level_.nz - 1);
  auto at = [](const std::vector<Real>& spike, std::size_t c) {
    return spike.empty() ? 0.0 : static_cast<double>(spike[c]);
  };
  // Line n's pairs: gamma, delta at n and m + n (below_, up_); eps, zeta (above_,
  // down_). Zeros at the column's ends: nothing below the bottom, above the top.
  below_.assign(2 * m, 0.0);
  above_.assign(2 * m, 0.0);
  up_.assign(2 * m, 0.0);
  down_.assign(2 * m, 0.0);
  struct Ends {
    double y_b, y_t, v_b, v_t, w_b, w_t;
  };
  auto ends = [&](std::size_t n) {
    const std::size_t s = slots[n];
    return Ends{x[s], x[top + s], at(v_, s), at(v_, top + s), at(w_, s), at(w_, top + s)};
  };
  const int last = parts_ - 1;
  for (int step = 0; step < last; ++step) {
    // Block p's pair upward once it has the one from below (round p - 1), its
    // pair downward once it has the one from above (round last - 1 - p).
    if (position_ == step)
      for (std::size_t n = 0; n < m; ++n) {
        const Ends e = ends(n);
        const double g = below_[n], d = below_[m + n];
        const double pivot = 1.0 - e.v_b * d;  // B_p = alpha + beta B_{p+1}
        const double alpha = (e.y_b + e.v_b * g) / pivot, beta = e.w_b / pivot;
        up_[n] = e.y_t + e.v_t * (g + d * alpha);
        up_[m + n] = e.w_t + e.v_t * d * beta;
      }
    if (position_ == last - step)
      for (std::size_t n = 0; n < m; ++n) {
        const Ends e = ends(n);
        const double g = above_[n], d = above_[m + n];
        const double pivot = 1.0 - e.w_t * d;  // T_p = alpha + beta T_{p-1}
        const double alpha = (e.y_t + e.w_t * g) / pivot, beta = e.v_t / pivot;
        down_[n] = e.y_b + e.w_b * (g + d * alpha);
        down_[m + n] = e.v_b + e.w_b * d * beta;
      }
    round(step, m, exchange);
  }
  // Block p's own ends B_p, T_p from both sides' pairs, then u = y + v T_{p-1} +
  // w B_{p+1} along each line.
  for (std::size_t n = 0; n < m; ++n) {
    const Ends e = ends(n);
    const double g = below_[n], d = below_[m + n], h = above_[n], z = above_[m + n];
    const double a11 = 1.0 - e.v_b * d, a12 = -e.w_b * z, r1 = e.y_b + e.v_b * g + e.w_b * h;
    const double a21 = -e.v_t * d, a22 = 1.0 - e.w_t * z, r2 = e.y_t + e.v_t * g + e.w_t * h;
    const double det = a11 * a22 - a12 * a21;
    const double bottom = (r1 * a22 - a12 * r2) / det, top_value = (a11 * r2 - a21 * r1) / det;
    const double below_top = g + d * bottom, above_bottom = h + z * top_value;
    const std::size_t s = slots[n];
    for (int k = 0; k < level_.nz; ++k) {
      const std::size_t c = s + plane * static_cast<std::size_t>(k);
      x[c] = static_cast<Real>(x[c] + at(v_, c) * below_top + at(w_, c) * above_bottom);
    }
  }
}

template class ZLineJoin<float>;
template class ZLineJoin<double>;

}  // namespace dermaflux::linear
