// The tissue terms of issue 14 on their own, against closed forms: linear binding
// (bound = B x free) slows the approach to steady state, lag time L^2 (1 + B) / 6D
// (Crank 1975, section 14.2, "immobilising reactions"), without changing the steady
// flux; first-order clearance k in a membrane on a sink bleeds the flux down to
// K D C0 a / sinh(a L), a = sqrt(k / D) (steady solution of D c'' = k c).

#include <gtest/gtest.h>

#include <cmath>

#include "analysis/Inventory.hpp"
#include "core/Tolerances.hpp"
#include "run/Simulation.hpp"
#include "support/CaseBuilder.hpp"
#include "support/Crank.hpp"

namespace dermaflux {
namespace {

constexpr double kThickness_m = 20e-6;
constexpr double kDiffusivity_m2_s = 1e-13;
constexpr double kPartition = 0.8;
constexpr double kConcentration_kg_m3 = 30.0;

run::RunResult run_membrane(double binding, double clearance_1_s, double end_s) {
  auto c = testing::column_case(
      {{"membrane", kThickness_m, kDiffusivity_m2_s, kPartition, binding, clearance_1_s}},
      kConcentration_kg_m3, 0.0, end_s, 40, 40);
  return run::run_case(c);
}

TEST(Binding, LagTimeGrowsAsOnePlusBWhileTheSteadyFluxStays) {
  const double unbound_lag_s = kThickness_m * kThickness_m / (6.0 * kDiffusivity_m2_s);
  const double steady_ug_cm2_h = kPartition * kDiffusivity_m2_s * kConcentration_kg_m3 /
                                 kThickness_m * analysis::kUgPerCm2PerKgPerM2 * 3600.0;
  for (const double binding : {1.0, 4.0}) {
    const double lag_s = unbound_lag_s * (1.0 + binding);
    const auto result = run_membrane(binding, 0.0, 10.0 * lag_s);
    ASSERT_TRUE(result.summary.steady_state.has_value()) << "B = " << binding;
    EXPECT_NEAR(result.summary.steady_state->lag_time_h, lag_s / 3600.0, 0.02 * lag_s / 3600.0)
        << "B = " << binding;
    EXPECT_NEAR(result.summary.steady_state->flux_ug_cm2_h, steady_ug_cm2_h,
                0.005 * steady_ug_cm2_h)
        << "B = " << binding;
    EXPECT_LT(result.summary.max_mass_balance_rel, core::kMassBalanceTolerance);
  }
}

TEST(Binding, CumulativeAmountIsCranksWithCapacityScaledByOnePlusB) {
  // Bound and free equilibrate locally: the membrane behaves as one of partition
  // K (1 + B) and diffusivity D / (1 + B), so Crank's Q(t) holds with those.
  const double binding = 3.0;
  const testing::CrankMembrane scaled{kThickness_m, kDiffusivity_m2_s / (1.0 + binding),
                                      kPartition * (1.0 + binding), kConcentration_kg_m3};
  const auto result = run_membrane(binding, 0.0, 10.0 * scaled.lag_time());
  int checked = 0;
  for (const auto& row : result.rows) {
    const double t = row.time_h * 3600.0;
    if (t < scaled.lag_time() * (1.0 - 1e-9)) continue;
    const double exact = scaled.amount(t) * analysis::kUgPerCm2PerKgPerM2;
    EXPECT_NEAR(row.receptor_ug_cm2, exact, 0.005 * exact) << "t = " << t << " s";
    ++checked;
  }
  EXPECT_GE(checked, 30);
}

TEST(Clearance, SteadyFluxThroughAClearingMembraneIsTheSinhSolution) {
  // a L = 2: the receptor sees 2 / sinh 2 = 0.55 of the unclearing flux.
  const double a_1_m = 2.0 / kThickness_m;
  const double clearance_1_s = a_1_m * a_1_m * kDiffusivity_m2_s;
  const double lag_s = kThickness_m * kThickness_m / (6.0 * kDiffusivity_m2_s);
  const auto result = run_membrane(0.0, clearance_1_s, 12.0 * lag_s);
  const double exact_ug_cm2_h = kPartition * kDiffusivity_m2_s * kConcentration_kg_m3 * a_1_m /
                                std::sinh(a_1_m * kThickness_m) * analysis::kUgPerCm2PerKgPerM2 *
                                3600.0;
  const auto& last = result.rows.back();
  const auto& before = result.rows[result.rows.size() - 2];
  const double flux_ug_cm2_h =
      (last.receptor_ug_cm2 - before.receptor_ug_cm2) / (last.time_h - before.time_h);
  EXPECT_NEAR(flux_ug_cm2_h, exact_ug_cm2_h, 0.01 * exact_ug_cm2_h);
  EXPECT_LT(result.summary.max_mass_balance_rel, core::kMassBalanceTolerance);
}

}  // namespace
}  // namespace dermaflux
