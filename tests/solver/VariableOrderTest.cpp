// The formulas and the order choice of variable-order BDF (timestep/VariableOrder.hpp),
// against the textbook constant-step coefficients and error constants.

#include <gtest/gtest.h>

#include "timestep/VariableOrder.hpp"

namespace dermaflux::timestep {
namespace {

TEST(VariableOrder, ConstantStepsGiveTheTextbookCoefficients) {
  const double times[3] = {0.0, -2.0, -4.0};  // steps of 2, the new level at 2
  const BdfCoefficients bdf1 = variable_order_coefficients(1, 2.0, times);
  EXPECT_DOUBLE_EQ(bdf1.alpha0, 1.0);
  EXPECT_DOUBLE_EQ(bdf1.alpha1, -1.0);
  const BdfCoefficients bdf2 = variable_order_coefficients(2, 2.0, times);
  EXPECT_DOUBLE_EQ(bdf2.alpha0, 1.5);
  EXPECT_DOUBLE_EQ(bdf2.alpha1, -2.0);
  EXPECT_DOUBLE_EQ(bdf2.alpha2, 0.5);
  // BDF3: 11/6 u^{n+1} - 3 u^n + 3/2 u^{n-1} - 1/3 u^{n-2} = dt f.
  const BdfCoefficients bdf3 = variable_order_coefficients(3, 2.0, times);
  EXPECT_DOUBLE_EQ(bdf3.alpha0, 11.0 / 6.0);
  EXPECT_DOUBLE_EQ(bdf3.alpha1, -3.0);
  EXPECT_DOUBLE_EQ(bdf3.alpha2, 1.5);
  EXPECT_NEAR(bdf3.alpha3, -1.0 / 3.0, 1e-15);
}

TEST(VariableOrder, VariableStepsMatchTheClosedFormOfBdf2AndAreExactOnCubics) {
  const double h = 3.0, dt = 5.0, w = dt / h;
  const double times[3] = {10.0, 10.0 - h, 10.0 - h - 4.0};
  const BdfCoefficients a = variable_order_coefficients(2, 10.0 + dt, times);
  EXPECT_NEAR(a.alpha0, (1.0 + 2.0 * w) / (1.0 + w), 1e-14);
  EXPECT_NEAR(a.alpha1, -(1.0 + w), 1e-14);
  EXPECT_NEAR(a.alpha2, w * w / (1.0 + w), 1e-14);
  // Order 3 differentiates a cubic exactly at the new level: sum alpha_j p(t_j) = dt p'.
  const BdfCoefficients b = variable_order_coefficients(3, 10.0 + dt, times);
  auto p = [](double t) { return 2.0 - t + 0.5 * t * t - 0.01 * t * t * t; };
  const double t_new = 10.0 + dt;
  const double derivative = -1.0 + t_new - 0.03 * t_new * t_new;
  EXPECT_NEAR(b.alpha0 * p(t_new) + b.alpha1 * p(times[0]) + b.alpha2 * p(times[1]) +
                  b.alpha3 * p(times[2]),
              dt * derivative, 1e-12);
}

TEST(VariableOrder, ErrorFactorsGiveTheTextbookErrorConstants) {
  // Constant steps: the local error is C_{q+1} dt^{q+1} u^{(q+1)}, and the (q+1)-th
  // divided difference is u^{(q+1)} / (q+1)!: factor = C_{q+1} (q+1)! dt^{q+1}.
  const double times[3] = {0.0, -1.0, -2.0};
  EXPECT_DOUBLE_EQ(local_error_factor(1, 1.0, times), 0.5 * 2.0);          // C = 1/2
  EXPECT_DOUBLE_EQ(local_error_factor(2, 1.0, times), 2.0 / 9.0 * 6.0);    // C = 2/9
  EXPECT_DOUBLE_EQ(local_error_factor(3, 1.0, times), 3.0 / 22.0 * 24.0);  // C = 3/22
  // BDF2's variable-step factor (StepCompletion.cpp): (1 + w)/(1 + 2w) dt^2 (dt + h).
  const double h = 2.0, dt = 3.0, w = dt / h;
  const double variable[2] = {0.0, -h};
  EXPECT_NEAR(local_error_factor(2, dt, variable), (1.0 + w) / (1.0 + 2.0 * w) * dt * dt * (dt + h),
              1e-13);
}

TEST(VariableOrder, RaisesTheOrderWhenTheHigherOrderAllowsALongerStep) {
  // BDF2 at half its tolerance; BDF3's estimate far smaller.
  const OrderErrors errors{-1.0, 0.9, 0.5, 0.001};
  const OrderDecision up = order_after_accepted(2, errors, true, 3);
  EXPECT_EQ(up.order, 3);
  EXPECT_GT(up.step_factor, 1.0);
  // Not before q + 1 steps at the order, and never above the maximum.
  EXPECT_EQ(order_after_accepted(2, errors, false, 3).order, 2);
  EXPECT_EQ(order_after_accepted(2, errors, true, 2).order, 2);
}

TEST(VariableOrder, LowersTheOrderWhenTheSolutionIsNotSmooth) {
  // BDF3 near its tolerance, BDF2's estimate far below: the third derivative is
  // not smooth (after a jump), and order 2 allows the longer step.
  const OrderErrors errors{-1.0, 0.5, 0.05, 0.9};
  EXPECT_EQ(order_after_accepted(3, errors, true, 3).order, 2);
  // Without an estimate for a neighbour, the order stays.
  EXPECT_EQ(order_after_accepted(2, OrderErrors{-1.0, -1.0, 0.5, -1.0}, true, 3).order, 2);
}

TEST(VariableOrder, RejectedStepsShortenTheStepAndFallBackToOrderOne) {
  const OrderErrors errors{-1.0, 0.8, 3.0, 9.0};
  const OrderDecision once = order_after_rejected(3, errors, 1);
  EXPECT_EQ(once.order, 2);  // order 2 would have passed with a longer step
  EXPECT_LT(once.step_factor, 1.0);
  EXPECT_EQ(order_after_rejected(3, errors, 3).order, 1);
}

}  // namespace
}  // namespace dermaflux::timestep
