// A finite dose onto a receptor sink: the time-series columns add up to the
// dose at every row, and everything ends up in the receptor.

#include <gtest/gtest.h>

#include "run/Simulation.hpp"
#include "support/CaseBuilder.hpp"

namespace dermaflux {
namespace {

TEST(FiniteDose, ColumnsAddUpToTheDoseAndTheReceptorCollectsIt) {
  // Arrange: a 10 uL/cm^2 film (100 um) of 30 mg/mL = 300 ug/cm^2 on SC + VE.
  const std::vector<testing::LayerSpec> layers{{"stratum_corneum", 15e-6, 1e-12, 0.8},
                                               {"viable_epidermis", 100e-6, 3e-11, 1.0}};
  auto c = testing::column_case(layers, 30.0, 100e-6, 48.0 * 3600.0, 48, 6, 1.2);

  // Act
  const auto result = run::run_case(c);

  // Assert
  ASSERT_TRUE(result.summary.dose_ug_cm2.has_value());
  const double dose = *result.summary.dose_ug_cm2;
  EXPECT_NEAR(dose, 300.0, 300.0 * 1e-12);
  for (const auto& row : result.rows) {
    double total = row.vehicle_ug_cm2 + row.receptor_ug_cm2 + row.cleared_ug_cm2;
    for (double layer : row.layer_ug_cm2) total += layer;
    EXPECT_NEAR(total, dose, 1e-9 * dose) << "t = " << row.time_h << " h";
  }
  EXPECT_GE(result.rows.back().receptor_ug_cm2, 0.99 * dose);
  EXPECT_FALSE(result.summary.steady_state.has_value()) << "a depleting film has no steady state";
}

TEST(FiniteDose, ClearanceWithClosedBottomRemovesTheDose) {
  // In vivo: no-flux bottom, first-order clearance in the dermis.
  const std::vector<testing::LayerSpec> layers{{"stratum_corneum", 15e-6, 1e-12, 0.8},
                                               {"dermis", 200e-6, 6e-11, 1.0, 0.0, 1e-3}};
  auto c = testing::column_case(layers, 30.0, 50e-6, 48.0 * 3600.0, 24, 6, 1.2);
  c.domain.bottom = input::BottomBoundary::NoFlux;
  const auto result = run::run_case(c);
  const double dose = *result.summary.dose_ug_cm2;
  EXPECT_EQ(result.rows.back().receptor_ug_cm2, 0.0);
  EXPECT_GE(result.rows.back().cleared_ug_cm2, 0.99 * dose);
  EXPECT_LT(result.summary.max_mass_balance_rel, 1e-9);
}

}  // namespace
}  // namespace dermaflux
