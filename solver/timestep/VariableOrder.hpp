#pragma once
// Variable-order BDF (orders 1-3, `time.order: auto`): the formulas of a step of
// order q on the actual time levels, its local error constant, and the choice of
// the next order from the error estimates of the neighbouring orders, as CVODE
// chooses it (Hindmarsh et al. 2005, ACM TOMS 31(3), section 2.1: after q + 1
// steps at one order, the order among q - 1, q, q + 1 that allows the largest
// next step; the neighbours' estimates biased so that a change must pay).
//
// The formulas are those of the interpolating polynomial through the new level
// and the last q levels (variable-coefficient BDF, Hairer & Wanner II, III.5): on
// a smooth solution its derivative at the new level is the step's f. Its local
// error is  dt / alpha0 * prod_{i=1..q} (t_new - t_{n+1-i}) * m[t_new, .., t_{n-q}],
// the last factor the (q+1)-th divided difference of the amounts, which needs
// q + 1 history levels. Variable-step BDF3 is zero-stable for step ratios below
// 2.553 (Li & Liao 2022, arXiv 2201.00527), so the BDF2 growth limit of 2 holds.

#include <array>

namespace dermaflux::timestep {

// alpha0 u^{n+1} + alpha1 u^n + alpha2 u^{n-1} = dt f(u^{n+1}); BDF3 adds
// alpha3 u^{n-2}.
struct BdfCoefficients {
  double alpha0, alpha1, alpha2;
  double alpha3 = 0.0;
};

// The highest order `time.order: auto` uses; the history holds this many levels
// (plus the new one) for the estimates of the orders up to it.
inline constexpr int kMaxVariableOrder = 3;

// Coefficients of the order-q formula (q = 1..3) for the step from times[0] to
// t_new; times[] newest first, at least q of them.
BdfCoefficients variable_order_coefficients(int order, double t_new, const double* times);

// The factor that turns the (q+1)-th divided difference of the amounts over t_new
// and times[0..q] into the local error of the order-q step.
double local_error_factor(int order, double t_new, const double* times);

// Error norms of the orders 1..3 measured on one step (index = order; <= 1
// accepts; negative: no estimate, too little history).
using OrderErrors = std::array<double, kMaxVariableOrder + 1>;

struct OrderDecision {
  int order;           // for the next step
  double step_factor;  // next step = this step * step_factor
};

// After an accepted step of `order`: the next order and step size. The order may
// change only when `may_change` (q + 1 steps since the last change).
OrderDecision order_after_accepted(int order, const OrderErrors& errors, bool may_change,
                                   int max_order);

// After a rejected step of `order` (its error above 1): a shorter step, and one
// order lower when that order's estimate allows a longer one, or after repeated
// failures (`failures` in a row), order 1, as CVODE falls back on them.
OrderDecision order_after_rejected(int order, const OrderErrors& errors, int failures);

}  // namespace dermaflux::timestep
