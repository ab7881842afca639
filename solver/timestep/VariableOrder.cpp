#include "timestep/VariableOrder.hpp"

#include <algorithm>
#include <cmath>

namespace dermaflux::timestep {
namespace {

constexpr double kSafety = 0.9;
constexpr double kMaxGrowth = 2.0;
constexpr double kMinShrink = 0.2;
// A neighbouring order must promise a step this much longer than the current
// order's before the order changes (CVODE biases its neighbours alike).
constexpr double kNeighbourBias = 1.2;

// The step factor an error norm allows at `order`: the local error scales as
// dt^(q+1).
double step_factor(int order, double error_norm) {
  if (error_norm <= 0.0) return kMaxGrowth;
  return kSafety * std::pow(error_norm, -1.0 / (order + 1));
}

}  // namespace

BdfCoefficients variable_order_coefficients(int order, double t_new, const double* times) {
  // Nodes x_0 = t_new, x_j = times[j-1]; alpha_j = dt * l_j'(t_new) with l_j the
  // Lagrange basis over the q + 1 nodes.
  const double dt = t_new - times[0];
  double x[kMaxVariableOrder + 1] = {t_new};
  for (int j = 1; j <= order; ++j) x[j] = times[j - 1];
  double alpha[kMaxVariableOrder + 1] = {};
  for (int j = 1; j <= order; ++j) alpha[0] += dt / (x[0] - x[j]);
  for (int j = 1; j <= order; ++j) {
    double numerator = 1.0, denominator = 1.0;
    for (int k = 0; k <= order; ++k) {
      if (k == j) continue;
      if (k != 0) numerator *= x[0] - x[k];
      denominator *= x[j] - x[k];
    }
    alpha[j] = dt * numerator / denominator;
  }
  return {alpha[0], alpha[1], alpha[2], alpha[3]};
}

double local_error_factor(int order, double t_new, const double* times) {
  const double dt = t_new - times[0];
  double alpha0 = 0.0, product = 1.0;
  for (int i = 0; i < order; ++i) {
    alpha0 += dt / (t_new - times[i]);
    product *= t_new - times[i];
  }
  return dt / alpha0 * product;
}

OrderDecision order_after_accepted(int order, const OrderErrors& errors, bool may_change,
                                   int max_order) {
  OrderDecision best{order, step_factor(order, errors[order])};
  if (may_change) {
    for (const int neighbour : {order - 1, order + 1}) {
      if (neighbour < 1 || neighbour > max_order || errors[neighbour] < 0.0) continue;
      const double factor = step_factor(neighbour, errors[neighbour]) / kNeighbourBias;
      if (factor > best.step_factor) best = {neighbour, factor};
    }
  }
  best.step_factor = std::clamp(best.step_factor, kMinShrink, kMaxGrowth);
  return best;
}

OrderDecision order_after_rejected(int order, const OrderErrors& errors, int failures) {
  OrderDecision next{order, step_factor(order, errors[order])};
  if (order > 1 && errors[order - 1] >= 0.0) {
    const double lower = step_factor(order - 1, errors[order - 1]);
    if (lower > next.step_factor) next = {order - 1, lower};
  }
  if (failures >= 3) next.order = 1;
  next.step_factor = std::clamp(next.step_factor, 0.1, 0.9);
  return next;
}

}  // namespace dermaflux::timestep
