// Intact-skin caffeine with every layer property estimated from molecular weight
// and log P: the steady flux a run gives must match the Potts & Guy (1992)
// prediction kp C0 (issue 7: within a factor 3). The stratum corneum is estimated
// to have exactly that permeability and the aqueous layers below add little
// resistance, so the run should land within a few per cent; the test asserts 2 %.

#include <gtest/gtest.h>

#include <cmath>

#include "input/CaseReader.hpp"
#include "run/Simulation.hpp"

namespace dermaflux {
namespace {

TEST(EstimatedCaffeine, SteadyFluxMatchesPottsGuyThroughIntactSkin) {
  // Arrange: dermatomed skin on a sink, an infinite dose of 3 % caffeine, no
  // diffusivity or partition given for any layer.
  const input::Case c = input::read_case_text(
      "name: estimated-caffeine\n"
      "skin: {preset: franz_dermatomed_500um, estimates: potts_guy_1992}\n"
      "serum: {preset: caffeine_3pct, dose: infinite}\n"
      "domain: {bottom: sink}\n"
      "time: {end: 24 h, output_every: 1 h}\n",
      "case.yaml", DERMAFLUX_CASES_DIR);
  ASSERT_EQ(c.estimates.size(), 6u);  // K and D of all three layers

  // Act
  const auto result = run::run_case(c);

  // Assert
  const double log_kp_cm_h = -2.7 + 0.71 * -0.07 - 0.0061 * 194.19;
  const double expected_ug_cm2_h = std::pow(10.0, log_kp_cm_h) * 30.0 * 1e3;  // C0 30 mg/cm^3
  ASSERT_TRUE(result.summary.steady_state.has_value());
  const double ratio = result.summary.steady_state->flux_ug_cm2_h / expected_ug_cm2_h;
  EXPECT_GT(ratio, 1.0 / 3.0);
  EXPECT_LT(ratio, 3.0);
  EXPECT_NEAR(ratio, 1.0, 0.02) << "flux " << result.summary.steady_state->flux_ug_cm2_h
                                << " ug/cm^2/h, Potts-Guy " << expected_ug_cm2_h;
}

}  // namespace
}  // namespace dermaflux
