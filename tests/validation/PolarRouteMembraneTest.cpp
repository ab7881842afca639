// The stratum corneum alone, estimated with the polar route (skin.estimates: kasting,
// input/KastingRoutes.hpp), as a homogenised membrane on a sink under an infinite
// aqueous dose: the run's steady flux over the donor concentration must be the
// estimate's P_lipid + P_polar. With one layer the membrane's permeability is the
// whole column's, so the run lands within the steady-state fit's accuracy: 1 %.

#include <gtest/gtest.h>

#include "input/CaseReader.hpp"
#include "input/KastingEstimates.hpp"
#include "input/KastingRoutes.hpp"
#include "run/Simulation.hpp"

namespace dermaflux {
namespace {

TEST(PolarRouteMembrane, SteadyFluxIsTheLipidPlusThePolarRoute) {
  // Arrange: caffeine (MW 194.19, log P -0.07), 1 mg/mL; its lag through the swollen
  // 43 um layer is about 11 h, so 200 h reach the steady state.
  const input::Case c = input::read_case_text(
      "name: polar-membrane\n"
      "skin:\n  estimates: kasting\n  layers: [{name: stratum_corneum, thickness: 13 um}]\n"
      "serum: {active: caffeine, molecular_weight: 194.19 g/mol, log_p: -0.07,"
      " concentration: 1 mg/mL, dose: infinite, diffusivity: 6e-6 cm^2/s}\n"
      "domain: {bottom: sink}\n"
      "time: {end: 200 h, output_every: 1 h}\n"
      "output: {vtk: false}\n",
      "case.yaml", DERMAFLUX_CASES_DIR);
  const input::kasting::StratumCorneum sc = input::kasting::stratum_corneum(
      {194.19, -0.07, 0.0, 1.0}, input::kasting::Hydration::Full, 13e-6, true);
  const double expected_cm_h =
      (sc.lipid_permeability_m_s + input::kasting::polar_permeability_m_s(194.19)) / 1e-2 * 3600.0;

  // Act
  const auto result = run::run_case(c);

  // Assert: flux (ug/cm^2/h) over 1 mg/mL = 1000 ug/cm^3.
  ASSERT_TRUE(result.summary.steady_state.has_value());
  const double measured_cm_h = result.summary.steady_state->flux_ug_cm2_h / 1000.0;
  EXPECT_NEAR(measured_cm_h, expected_cm_h, 0.01 * expected_cm_h);
  // The polar route is a fifth of caffeine's: the test would see it missing.
  EXPECT_GT(input::kasting::polar_permeability_m_s(194.19), 0.1 * sc.lipid_permeability_m_s);
}

}  // namespace
}  // namespace dermaflux
