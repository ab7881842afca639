// Three layers in series at steady state: J = C0 / sum_i h_i / (K_i D_i)
// (shared/reference/PARAMETERS.md, "Laminate in series").

#include <gtest/gtest.h>

#include "analysis/Inventory.hpp"
#include "run/Simulation.hpp"
#include "support/CaseBuilder.hpp"

namespace dermaflux {
namespace {

TEST(Laminate, SteadyFluxEqualsSeriesResistance) {
  // Arrange: stratum corneum, viable epidermis and dermis with a 1e3 contrast in
  // D K; the slowest time constant (dermis capacity through the SC resistance)
  // is about 26 h, so 300 h is well past steady state.
  const std::vector<testing::LayerSpec> layers{{"stratum_corneum", 15e-6, 1e-13, 0.8},
                                               {"viable_epidermis", 100e-6, 3e-11, 1.0},
                                               {"dermis", 500e-6, 6e-11, 1.2}};
  const double c0 = 30.0;
  auto c = testing::column_case(layers, c0, 0.0, 300.0 * 3600.0, 60, 6, 1.2);
  c.mesh.max_vertical_spacing_m = 50e-6;

  // Act
  const auto result = run::run_case(c);

  // Assert
  double resistance = 0.0;
  for (const auto& l : layers) resistance += l.thickness_m / (l.partition * l.diffusivity_m2_s);
  const double expected = c0 / resistance * analysis::kUgPerCm2PerKgPerM2 * 3600.0;
  EXPECT_NEAR(result.rows.back().flux_ug_cm2_h, expected, 0.005 * expected);
  ASSERT_TRUE(result.summary.steady_state.has_value());
  EXPECT_NEAR(result.summary.steady_state->flux_ug_cm2_h, expected, 0.005 * expected);
}

}  // namespace
}  // namespace dermaflux
