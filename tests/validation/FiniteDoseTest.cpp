// A finite dose onto a receptor sink: the time-series columns add up to the
// dose at every row, and everything ends up in the receptor.

#include <gtest/gtest.h>

#include "core/Tolerances.hpp"
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
    EXPECT_NEAR(total, dose, core::kMassBalanceTolerance * dose) << "t = " << row.time_h << " h";
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
  EXPECT_LT(result.summary.max_mass_balance_rel, core::kMassBalanceTolerance);
}

// Every step is made conservative (Bdf2Integrator::make_conservative): even a
// linear tolerance five orders looser than the default keeps the mass balance at
// rounding level, through needles and channel closure.
TEST(FiniteDose, MassBalanceHoldsAtRoundingLevelWhateverTheLinearTolerance) {
  const std::vector<testing::LayerSpec> layers{{"stratum_corneum", 15e-6, 6e-15, 0.8},
                                               {"viable_epidermis", 100e-6, 3e-11, 1.0},
                                               {"dermis", 300e-6, 6e-11, 1.0, 0.0, 1e-4}};
  auto c = testing::column_case(layers, 30.0, 100e-6, 6.0 * 3600.0, 12, 4, 1.3);
  c.domain.width_m = c.domain.length_m = 300e-6;
  c.mesh.lateral_spacing_m = 30e-6;
  c.serum.diffusivity_m2_s = 6e-10;
  c.needles = testing::square_needles(300e-6, 500e-6, 200e-6, 0.2, 3600.0);
  for (const double tolerance : {1e-10, 1e-5}) {
    c.solver.linear_tolerance = tolerance;
    const auto result = run::run_case(c);
    EXPECT_LT(result.summary.max_mass_balance_rel, 1e-12) << "linear tolerance " << tolerance;
  }
}

}  // namespace
}  // namespace dermaflux
