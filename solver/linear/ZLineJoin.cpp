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
const std::vector<double>& ZLineJoin<Real>::swap(int face, parallel::FaceExchange& exchange) const {
  for (int f = 0; f < 6; ++f)
    if (f != face) outgoing_[static_cast<std::size_t>(f)].clear();
  exchange.exchange(outgoing_, incoming_);
  static const std::vector<double> nothing;
  return face < 0 ? nothing : incoming_[static_cast<std::size_t>(face)];
}

template <typename Real>
void ZLineJoin<Real>::join(int colour, Real* x, parallel::FaceExchange& exchange) const {
  const std::vector<std::size_t>& slots = slots_[static_cast<std::size_t>(colour)];
  const std::size_t m = slots.size(), plane = level_.columns();
  const std::size_t top = plane * static_cast<std::size_t>(level_.nz - 1);
  auto at = [](const std::vector<Real>& spike, std::size_t c) {
    return spike.empty() ? 0.0 : static_cast<double>(spike[c]);
  };
  for (auto* v : {&alpha_, &beta_, &gamma_, &delta_, &below_gamma_, &below_delta_, &above_b_})
    v->assign(m, 0.0);
  // Up the column of blocks: B_p = alpha + beta B_{p+1}, T_p = gamma + delta B_{p+1}
  // with T_{p-1} = gamma' + delta' B_p from below eliminated.
  for (int step = 0; step <= parts_ - 1; ++step) {
    if (step == position_) {
      for (std::size_t n = 0; n < m; ++n) {
        const std::size_t s = slots[n];
        const double y_b = x[s], y_t = x[top + s];
        const double v_b = at(v_, s), v_t = at(v_, top + s);
        const double w_b = at(w_, s), w_t = at(w_, top + s);
        const double g = below_gamma_[n], d = below_delta_[n];
        const double pivot = 1.0 - v_b * d;
        alpha_[n] = (y_b + v_b * g) / pivot;
        beta_[n] = w_b / pivot;
        gamma_[n] = y_t + v_t * (g + d * alpha_[n]);
        delta_[n] = w_t + v_t * d * beta_[n];
      }
    }
    if (step == parts_ - 1) break;
    int face = -1;
    if (step == position_) {
      face = 5;
      outgoing_[5] = gamma_;
      outgoing_[5].insert(outgoing_[5].end(), delta_.begin(), delta_.end());
    } else if (step + 1 == position_) {
      face = 4;
      outgoing_[4].assign(2 * m, 0.0);
    }
    const std::vector<double>& got = swap(face, exchange);
    if (face == 4) {
      std::copy(got.begin(), got.begin() + static_cast<std::ptrdiff_t>(m), below_gamma_.begin());
      std::copy(got.begin() + static_cast<std::ptrdiff_t>(m), got.end(), below_delta_.begin());
    }
  }
  // Down: each block's bottom value B_p from the one above's.
  for (int step = parts_ - 1; step > 0; --step) {
    int face = -1;
    if (step == position_) {
      face = 4;
      outgoing_[4].resize(m);
      for (std::size_t n = 0; n < m; ++n) outgoing_[4][n] = alpha_[n] + beta_[n] * above_b_[n];
    } else if (step - 1 == position_) {
      face = 5;
      outgoing_[5].assign(m, 0.0);
    }
    const std::vector<double>& got = swap(face, exchange);
    if (face == 5) std::copy(got.begin(), got.end(), above_b_.begin());
  }
  // u = y + v T_{p-1} + w B_{p+1} along each line.
  for (std::size_t n = 0; n < m; ++n) {
    const double bottom = alpha_[n] + beta_[n] * above_b_[n];
    const double below_top = below_gamma_[n] + below_delta_[n] * bottom;
    const std::size_t s = slots[n];
    for (int k = 0; k < level_.nz; ++k) {
      const std::size_t c = s + plane * static_cast<std::size_t>(k);
      x[c] = static_cast<Real>(x[c] + at(v_, c) * below_top + at(w_, c) * above_b_[n]);
    }
  }
}

template class ZLineJoin<float>;
template class ZLineJoin<double>;

}  // namespace dermaflux::linear
