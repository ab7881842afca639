// Single membrane, infinite dose, receptor sink: the whole pipeline (mesh,
// operator, BDF2, measurements, steady-state fit) against Crank's solution.

#include <gtest/gtest.h>

#include "analysis/Inventory.hpp"
#include "core/Tolerances.hpp"
#include "run/Simulation.hpp"
#include "support/CaseBuilder.hpp"
#include "support/Crank.hpp"

namespace dermaflux {
namespace {

// 20 um, D = 1e-9 cm^2/s, K = 0.8, 30 mg/mL: lag time 667 s, flux 43.2 ug/cm^2/h.
const testing::CrankMembrane kMembrane{20e-6, 1e-13, 0.8, 30.0};

run::RunResult run_membrane() {
  const double lag = kMembrane.lag_time();
  auto c = testing::column_case({{"membrane", kMembrane.h, kMembrane.D, kMembrane.K}}, kMembrane.C0,
                                0.0, 10.0 * lag, 40, 40);
  return run::run_case(c);
}

TEST(CrankMembrane, CumulativeAmountWithinHalfPercentAfterOneLagTime) {
  const auto result = run_membrane();
  const double to_ug_cm2 = analysis::kUgPerCm2PerKgPerM2;
  int checked = 0;
  for (const auto& row : result.rows) {
    const double t = row.time_h * 3600.0;
    if (t < kMembrane.lag_time() * (1.0 - 1e-9)) continue;
    const double exact = kMembrane.amount(t) * to_ug_cm2;
    EXPECT_NEAR(row.receptor_ug_cm2, exact, 0.005 * exact) << "t = " << t << " s";
    ++checked;
  }
  EXPECT_GE(checked, 30);
}

TEST(CrankMembrane, LagTimeWithinTwoPercentAndSteadyFluxWithinHalfPercent) {
  const auto result = run_membrane();
  ASSERT_TRUE(result.summary.steady_state.has_value());
  const double lag_h = kMembrane.lag_time() / 3600.0;
  const double flux = kMembrane.steady_flux() * analysis::kUgPerCm2PerKgPerM2 * 3600.0;
  EXPECT_NEAR(result.summary.steady_state->lag_time_h, lag_h, 0.02 * lag_h);
  EXPECT_NEAR(result.summary.steady_state->flux_ug_cm2_h, flux, 0.005 * flux);
}

TEST(CrankMembrane, MassBalanceHoldsAgainstWhatEntered) {
  const auto result = run_membrane();
  EXPECT_LT(result.summary.max_mass_balance_rel, core::kMassBalanceTolerance);
  EXPECT_GT(result.rows.back().entered_ug_cm2, 0.0);
}

}  // namespace
}  // namespace dermaflux
