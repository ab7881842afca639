// The formulas and the order choice of variable-order BDF (timestep/VariableOrder.hpp),
// against the textbook constant-step coefficients and error constants.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

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

TEST(VariableOrder, ConstantStepsGiveTheTextbookCoefficientsOfBdf4AndBdf5) {
  const double times[5] = {0.0, -1.0, -2.0, -3.0, -4.0};
  // BDF4: 25/12, -4, 3, -4/3, 1/4; BDF5: 137/60, -5, 5, -10/3, 5/4, -1/5.
  const double bdf4[] = {25.0 / 12.0, -4.0, 3.0, -4.0 / 3.0, 0.25};
  const double bdf5[] = {137.0 / 60.0, -5.0, 5.0, -10.0 / 3.0, 1.25, -0.2};
  const BdfCoefficients a4 = variable_order_coefficients(4, 1.0, times);
  const BdfCoefficients a5 = variable_order_coefficients(5, 1.0, times);
  for (int j = 0; j <= 4; ++j) EXPECT_NEAR(a4[j], bdf4[j], 1e-14) << j;
  EXPECT_EQ(a4.alpha5, 0.0);
  for (int j = 0; j <= 5; ++j) EXPECT_NEAR(a5[j], bdf5[j], 1e-14) << j;
}

// Each order q differentiates every polynomial of degree q exactly at the new
// level on uneven steps (sum alpha_j p(t_j) = dt p'(t_new)), and not one of degree
// q + 1.
TEST(VariableOrder, VariableStepsAreExactOnPolynomialsOfTheirDegree) {
  const double times[5] = {10.0, 7.0, 6.5, 4.0, 1.5};  // steps 3, 0.5, 2.5, 2.5
  const double t_new = 12.0, dt = t_new - times[0];
  for (int order = 1; order <= kMaxVariableOrder; ++order) {
    const BdfCoefficients a = variable_order_coefficients(order, t_new, times);
    for (int degree = 0; degree <= order + 1; ++degree) {
      // p(t) = (t - 5)^degree: p'(t_new) = degree (t_new - 5)^(degree - 1).
      auto p = [degree](double t) { return std::pow(t - 5.0, degree); };
      double sum = a[0] * p(t_new);
      for (int j = 1; j <= order; ++j) sum += a[j] * p(times[j - 1]);
      const double exact = degree == 0 ? 0.0 : dt * degree * std::pow(t_new - 5.0, degree - 1);
      const double scale = std::max(1.0, std::abs(exact));
      if (degree <= order)
        EXPECT_NEAR(sum, exact, 1e-11 * scale) << "order " << order << ", degree " << degree;
      else
        EXPECT_GT(std::abs(sum - exact), 1e-6 * scale) << "order " << order;
    }
  }
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
  const double five[5] = {0.0, -1.0, -2.0, -3.0, -4.0};
  EXPECT_NEAR(local_error_factor(4, 1.0, five), 12.0 / 125.0 * 120.0, 1e-13);  // C = 12/125
  EXPECT_NEAR(local_error_factor(5, 1.0, five), 10.0 / 137.0 * 720.0, 1e-13);  // C = 10/137
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

TEST(VariableOrder, OrdersFourAndFiveGrowTheirStepsLessForZeroStability) {
  // A smooth solution: each order's estimate far below the last one's.
  const OrderErrors smooth{-1.0, 1.0, 1e-2, 1e-4, 1e-8, 1e-10};
  EXPECT_EQ(order_after_accepted(3, smooth, false, 5).step_factor, 2.0);
  const OrderDecision up = order_after_accepted(3, smooth, true, 5);
  EXPECT_EQ(up.order, 4);
  EXPECT_EQ(up.step_factor, kMaxGrowthHighOrder);
  EXPECT_EQ(order_after_accepted(5, smooth, false, 5).step_factor, kMaxGrowthHighOrder);
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
