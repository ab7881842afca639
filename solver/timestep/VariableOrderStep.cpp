// The variable-order part of Bdf2Integrator (`time.order: auto`, VariableOrder.hpp):
// the order-3 step's right-hand side and predictor, the error estimates of the
// orders 1..3 in complete_attempt's second pass, and the order and step size that
// follow from them. BDF2's own path (the default) does not come here, so its
// results keep their bytes.
//
// Estimates: for order k the local error is local_error_factor(k) times the
// (k+1)-th divided difference of the amounts over the new level and the last
// k + 1 levels, measured in the same volume-weighted RMS norm as BDF2's
// (StepCompletion.cpp). One pass builds the divided-difference table of every
// cell over up to five levels and sums all three norms.

#include <algorithm>
#include <array>
#include <cmath>

#include "core/Parallel.hpp"
#include "timestep/Bdf2Integrator.hpp"

namespace dermaflux::timestep {

void Bdf2Integrator::fill_third_order_step(Attempt& attempt, const BdfCoefficients& a, double dt) {
  const std::size_t n = system_.size();
  const double* cap = system_.capacity().data();
  const double *m0 = amount_[0].data(), *m1 = amount_[1].data(), *m2 = amount_[2].data(),
               *m3 = amount_[3].data();
  // The cubic through the last four levels, at the new one (Lagrange weights).
  const double t_new = time_s_ + dt;
  double weight[4];
  for (int j = 0; j < 4; ++j) {
    weight[j] = 1.0;
    for (int k = 0; k < 4; ++k)
      if (k != j) weight[j] *= (t_new - times_[k]) / (times_[j] - times_[k]);
  }
  double* b = rhs_.data();
  double* guess = attempt.u.data();
#pragma omp parallel for schedule(static) if (n >= core::kParallelThreshold)
  for (std::size_t c = 0; c < n; ++c) {
    b[c] = (-a.alpha1 * m0[c] - a.alpha2 * m1[c] - a.alpha3 * m2[c]) / dt;
    guess[c] =
        (weight[0] * m0[c] + weight[1] * m1[c] + weight[2] * m2[c] + weight[3] * m3[c]) / cap[c];
  }
}

void Bdf2Integrator::complete_variable_order(Attempt& attempt, double dt, double correction) {
  const std::size_t n = system_.size();
  double* u = attempt.u.data();
  const double* cap = system_.capacity().data();
  const double* kc = system_.clearance();  // null: no cell clears
  attempt.amounts.swap(rhs_);
  attempt.amounts.resize(static_cast<Eigen::Index>(n));
  double* amounts = attempt.amounts.data();

  // Levels newest first: the new one, then the history (a fourth level only once
  // rebuilt after a restart or a restore). No estimates with fixed steps.
  const bool fourth = amount_[3].size() == attempt.u.size();
  const int history =
      settings_.fixed_step_s > 0.0
          ? 0
          : static_cast<int>(std::min<long>(steps_since_restart_ + 1, fourth ? 4 : 3));
  const int levels = history + 1;  // with the new one: divided differences up to this order
  double t[kMaxVariableOrder + 2] = {time_s_ + dt};
  for (int j = 1; j < levels; ++j) t[j] = times_[j - 1];
  // inverse[k][j] = 1 / (t_j - t_{j+k}), the divisors of the k-th differences.
  double inverse[kMaxVariableOrder + 2][kMaxVariableOrder + 2] = {};
  for (int k = 1; k < levels; ++k)
    for (int j = 0; j + k < levels; ++j) inverse[k][j] = 1.0 / (t[j] - t[j + k]);
  // The error of order k needs the (k+1)-th difference: orders 1 .. levels - 2.
  const int estimated = std::min(levels - 2, kMaxVariableOrder);
  double factor[kMaxVariableOrder + 1] = {};
  for (int k = 1; k <= estimated; ++k) factor[k] = local_error_factor(k, t[0], times_);
  // The history levels the estimates read; the others (empty, or stale from before
  // a restart) stand in as the newest, never used.
  const double* level[kMaxVariableOrder + 1];
  for (int j = 0; j <= kMaxVariableOrder; ++j)
    level[j] = j < history ? amount_[j].data() : amount_[0].data();
  const double *h0 = level[0], *h1 = level[1], *h2 = level[2], *h3 = level[3];
  const double absolute = settings_.reference_potential;
  const double tolerance = settings_.tolerance;
  const CellVolumes& vol = volume_;

  const std::array<double, 4> sums = core::deterministic_sums<4>(n, [&](std::size_t c) {
    if (correction != 0.0) u[c] += correction * std::abs(u[c]);
    const double m_new = cap[c] * u[c];
    amounts[c] = m_new;
    std::array<double, 4> terms{0.0, 0.0, 0.0, kc ? kc[c] * u[c] : 0.0};
    if (estimated < 1) return terms;
    double table[kMaxVariableOrder + 2] = {m_new, h0[c], h1[c], h2[c], h3[c]};
    const double scale = 1.0 / (cap[c] * tolerance * (std::abs(u[c]) + absolute));
    for (int k = 1; k < levels; ++k) {
      for (int j = 0; j + k < levels; ++j) table[j] = (table[j] - table[j + 1]) * inverse[k][j];
      const int order = k - 1;  // the k-th difference measures order k - 1's error
      if (order >= 1) {
        const double relative = factor[order] * table[0] * scale;
        terms[order - 1] = vol[c] * relative * relative;
      }
    }
    return terms;
  });
  attempt.clearance_rate = sums[3];
  double norms[3] = {sums[0], sums[1], sums[2]};
  core::sum_over_ranks(global_sum_, norms);
  for (int k = 1; k <= kMaxVariableOrder; ++k)
    attempt.errors[k] = k <= estimated ? std::sqrt(norms[k - 1] / total_volume_) : -1.0;
  attempt.error_norm = attempt.errors[attempt.order] >= 0.0 ? attempt.errors[attempt.order] : 0.0;
}

double Bdf2Integrator::change_order_after_step(int order, const OrderErrors& errors) {
  const OrderDecision next =
      order_after_accepted(order, errors, steps_at_order_ >= order + 1, settings_.max_order);
  if (next.order != order_) {
    order_ = next.order;
    steps_at_order_ = 0;
  }
  return next.step_factor;
}

double Bdf2Integrator::change_order_after_rejection(const Attempt& attempt, int failures) {
  const OrderDecision next = order_after_rejected(attempt.order, attempt.errors, failures);
  if (next.order != order_) {
    order_ = next.order;
    steps_at_order_ = 0;
  }
  return next.step_factor;
}

}  // namespace dermaflux::timestep
