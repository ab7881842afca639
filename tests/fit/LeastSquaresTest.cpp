// The fit's statistics against Crank's membrane as the model itself (no solver
// runs, so many seeds fit in a second): recovery, coverage of the 95 % intervals,
// identifiability, bounds.

#include <gtest/gtest.h>

#include <cstdio>
#include <random>

#include "fit/FitTestSupport.hpp"
#include "fit/LeastSquares.hpp"
#include "fit/Uncertainty.hpp"

namespace dermaflux {
namespace {

using fit::Bounds;
using fit::Values;

const std::vector<Bounds> kBounds{{1e-15, 1e-11, true}, {0.05, 20.0, true}};

struct Synthetic {
  std::vector<double> times_h, measured;
  double sd = 0.3;
};

Synthetic receptor_data(unsigned seed, double sd) {
  std::mt19937 random(seed);
  std::normal_distribution<double> noise(0.0, sd);
  Synthetic data;
  data.sd = sd;
  for (int cell = 0; cell < 3; ++cell)
    for (const double t : testing::kFitTimesH) {
      data.times_h.push_back(t);
      data.measured.push_back(testing::crank_receptor_ug_cm2(testing::kTrueD, testing::kTrueK, t) +
                              noise(random));
    }
  return data;
}

fit::BatchModel receptor_model(const Synthetic& data) {
  return [&data](const std::vector<Values>& batch) {
    std::vector<fit::Residuals> out;
    for (const auto& v : batch) {
      fit::Residuals r(static_cast<Eigen::Index>(data.times_h.size()));
      for (std::size_t i = 0; i < data.times_h.size(); ++i)
        r[static_cast<Eigen::Index>(i)] =
            (data.measured[i] - testing::crank_receptor_ug_cm2(v[0], v[1], data.times_h[i])) /
            data.sd;
      out.push_back(r);
    }
    return out;
  };
}

struct Fitted {
  fit::LeastSquaresResult result;
  fit::Uncertainty uncertainty;
};

Fitted fit_model(const std::vector<Bounds>& bounds, const fit::BatchModel& model) {
  Fitted fitted;
  const Values start{fit::value_of_z(bounds[0], 0.0), fit::value_of_z(bounds[1], 0.0)};
  fitted.result = fit::least_squares(bounds, start, model, {});
  const auto jacobian =
      fit::fitted_space_jacobian(bounds, fitted.result.values, fitted.result.residuals, model);
  fitted.uncertainty =
      fit::uncertainty(bounds, fitted.result.values, fitted.result.residuals, jacobian);
  return fitted;
}

TEST(FitLeastSquares, RecoversDAndKOfCrankMembraneWithinTwoPercent) {
  const Synthetic data = receptor_data(1, 0.3);
  const Fitted fitted = fit_model(kBounds, receptor_model(data));
  EXPECT_TRUE(fitted.result.converged);
  EXPECT_NEAR(fitted.result.values[0], testing::kTrueD, 0.02 * testing::kTrueD);
  EXPECT_NEAR(fitted.result.values[1], testing::kTrueK, 0.02 * testing::kTrueK);
  EXPECT_TRUE(fitted.uncertainty.parameters[0].identifiable);
  EXPECT_TRUE(fitted.uncertainty.parameters[1].identifiable);
  EXPECT_LT(fitted.uncertainty.correlation(0, 1), -0.9);  // D and K trade off through the lag
}

// A start whose z is not exactly 0 but rounding-level (the middle of a range, read
// back): Eigen's first step bound factor * |diag z| was ~1e-14 there, and the fit
// stopped at its start "converged".
TEST(FitLeastSquares, RecoversFromAStartAtARoundingLevelZ) {
  const Synthetic data = receptor_data(1, 0.3);
  const Values start{fit::value_of_z(kBounds[0], 1e-13), fit::value_of_z(kBounds[1], -1e-13)};
  const fit::LeastSquaresResult result =
      fit::least_squares(kBounds, start, receptor_model(data), {});
  EXPECT_TRUE(result.converged);
  EXPECT_NEAR(result.values[0], testing::kTrueD, 0.02 * testing::kTrueD);
  EXPECT_NEAR(result.values[1], testing::kTrueK, 0.02 * testing::kTrueK);
}

TEST(FitLeastSquares, IntervalsCoverTheTruthAtAboutTheStatedRate) {
  int covered_d = 0, covered_k = 0;
  const int seeds = 200;
  for (int seed = 1; seed <= seeds; ++seed) {
    const Synthetic data = receptor_data(static_cast<unsigned>(seed), 0.5);
    const Fitted fitted = fit_model(kBounds, receptor_model(data));
    const auto& d = fitted.uncertainty.parameters[0];
    const auto& k = fitted.uncertainty.parameters[1];
    covered_d += d.ci95_low <= testing::kTrueD && testing::kTrueD <= d.ci95_high ? 1 : 0;
    covered_k += k.ci95_low <= testing::kTrueK && testing::kTrueK <= k.ci95_high ? 1 : 0;
  }
  std::printf("95 %% intervals held the truth in %d (D) and %d (K) of %d fits\n", covered_d,
              covered_k, seeds);
  // 95 % nominal; 200 seeds give a binomial sd of 1.5 %.
  EXPECT_GE(covered_d, 0.88 * seeds);
  EXPECT_LE(covered_d, 0.995 * seeds);
  EXPECT_GE(covered_k, 0.88 * seeds);
  EXPECT_LE(covered_k, 0.995 * seeds);
}

TEST(FitLeastSquares, SteadyStateFluxAloneLeavesDAndKNotIdentifiable) {
  // Steady flux K D C0 / h at late times fixes only the product K D.
  std::mt19937 random(7);
  std::normal_distribution<double> noise(0.0, 0.5);
  std::vector<double> measured;
  const double to_ug_cm2_h = analysis::kUgPerCm2PerKgPerM2 * 3600.0;
  const double flux =
      testing::kTrueK * testing::kTrueD * testing::kMembraneC0 / testing::kMembraneH * to_ug_cm2_h;
  for (int n = 0; n < 12; ++n) measured.push_back(flux + noise(random));
  const fit::BatchModel model = [&](const std::vector<Values>& batch) {
    std::vector<fit::Residuals> out;
    for (const auto& v : batch) {
      const double predicted =
          v[1] * v[0] * testing::kMembraneC0 / testing::kMembraneH * to_ug_cm2_h;
      fit::Residuals r(static_cast<Eigen::Index>(measured.size()));
      for (std::size_t i = 0; i < measured.size(); ++i)
        r[static_cast<Eigen::Index>(i)] = (measured[i] - predicted) / 0.5;
      out.push_back(r);
    }
    return out;
  };
  const Fitted fitted = fit_model(kBounds, model);
  EXPECT_FALSE(fitted.uncertainty.parameters[0].identifiable);
  EXPECT_FALSE(fitted.uncertainty.parameters[1].identifiable);
  // The product is still fitted.
  EXPECT_NEAR(fitted.result.values[0] * fitted.result.values[1], testing::kTrueD * testing::kTrueK,
              0.02 * testing::kTrueD * testing::kTrueK);
}

TEST(FitLeastSquares, BoundsHoldWhenTheTruthLiesOutsideThem) {
  const Synthetic data = receptor_data(3, 0.3);
  // D's truth (1e-13 m^2/s) is below these bounds; K is linear in [0.1, 0.5].
  const std::vector<Bounds> bounds{{2e-13, 1e-11, true}, {0.1, 0.5, false}};
  const Fitted fitted = fit_model(bounds, receptor_model(data));
  EXPECT_GE(fitted.result.values[0], 2e-13);
  EXPECT_LE(fitted.result.values[0], 1e-11);
  EXPECT_GE(fitted.result.values[1], 0.1);
  EXPECT_LE(fitted.result.values[1], 0.5);
}

TEST(FitLeastSquares, SigmoidMapsEveryZIntoTheBoundsAndBack) {
  for (const Bounds& b : {Bounds{1e-15, 1e-11, true}, Bounds{-2.0, 3.0, false}}) {
    for (const double z : {-800.0, -5.0, 0.0, 2.5, 800.0}) {
      const double value = fit::value_of_z(b, z);
      EXPECT_GE(value, b.low);
      EXPECT_LE(value, b.high);
    }
    const double middle = fit::value_of_z(b, 0.3);
    EXPECT_NEAR(fit::z_of_value(b, middle), 0.3, 1e-9);
  }
}

TEST(FitLeastSquares, TQuantileMatchesTables) {
  EXPECT_NEAR(fit::t_quantile_975(5), 2.5706, 0.01);
  EXPECT_NEAR(fit::t_quantile_975(10), 2.2281, 0.002);
  EXPECT_NEAR(fit::t_quantile_975(30), 2.0423, 0.001);
}

}  // namespace
}  // namespace dermaflux
