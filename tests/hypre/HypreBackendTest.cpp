// solver.backend: hypre gives the same time series as our own solver: the
// integrator, measurements and step control are shared, only the linear solves
// differ, so with tight linear tolerances the two runs agree to 1e-7.
// Compiled only in builds with hypre.

#ifdef DERMAFLUX_HAVE_HYPRE

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "run/Simulation.hpp"
#include "support/CaseBuilder.hpp"

namespace dermaflux {
namespace {

// Both solve to 1e-12 relative residual; the error that leaves in u is the
// residual times the condition number (~1e4 here), so early, tiny amounts agree
// to a few 1e-8 and the bound is 1e-7.
constexpr double kRelative = 1e-7;

// Three layers with a 10^4 jump in diffusivity, a finite dose, 6 x 4 periodic columns.
input::Case layered_case() {
  auto c = testing::column_case({{"stratum_corneum", 15e-6, 6e-15, 0.8},
                                 {"viable_epidermis", 100e-6, 3e-11, 1.0, 0.5},
                                 {"dermis", 400e-6, 6e-11, 1.0, 0.0, 1e-5}},
                                30.0, 100e-6, 4.0 * 3600.0, 8, 4, 1.2);
  c.mesh.max_vertical_spacing_m = 50e-6;
  c.domain.width_m = 60e-6;
  c.domain.length_m = 40e-6;
  c.solver.linear_tolerance = 1e-12;
  return c;
}

// A square array of conical needles whose channels close (re-assembled stencils).
input::Case needled_case() {
  auto c = layered_case();
  input::Needles n;
  n.pattern = input::NeedlePattern::Square;
  n.shape = input::NeedleShape::Cone;
  n.pitch_m = 160e-6;
  n.length_m = 500e-6;
  n.base_diameter_m = 150e-6;
  n.tip_diameter_m = 5e-6;
  n.penetration = 0.2;
  n.closure_half_life_s = 3600.0;
  c.needles = n;
  c.domain.width_m = c.domain.length_m = n.pitch_m;
  c.mesh.lateral_spacing_m = 20e-6;
  return c;
}

// Every amount of every output row agrees to kRelative of the larger of the two
// (of the dose for amounts that are still tiny, where relative means nothing).
void expect_same_time_series(const run::RunResult& ours, const run::RunResult& theirs,
                             double dose_ug_cm2) {
  ASSERT_EQ(theirs.rows.size(), ours.rows.size());
  auto expect_close = [&](double a, double b, const std::string& what, std::size_t row) {
    const double scale = std::max({std::abs(a), std::abs(b), 1e-6 * dose_ug_cm2});
    EXPECT_LE(std::abs(a - b), kRelative * scale) << what << " at output " << row;
  };
  for (std::size_t n = 0; n < ours.rows.size(); ++n) {
    const auto& a = ours.rows[n];
    const auto& b = theirs.rows[n];
    EXPECT_EQ(b.time_h, a.time_h);
    expect_close(a.receptor_ug_cm2, b.receptor_ug_cm2, "receptor", n);
    expect_close(a.vehicle_ug_cm2, b.vehicle_ug_cm2, "vehicle", n);
    expect_close(a.cleared_ug_cm2, b.cleared_ug_cm2, "cleared", n);
    ASSERT_EQ(b.layer_ug_cm2.size(), a.layer_ug_cm2.size());
    for (std::size_t l = 0; l < a.layer_ug_cm2.size(); ++l)
      expect_close(a.layer_ug_cm2[l], b.layer_ug_cm2[l], "layer " + std::to_string(l), n);
  }
}

void expect_backends_agree(input::Case c) {
  // Act
  c.solver.backend = input::LinearBackend::Dermaflux;
  const auto ours = run::run_case(c);
  c.solver.backend = input::LinearBackend::Hypre;
  const auto theirs = run::run_case(c);
  // Assert
  ASSERT_TRUE(ours.summary.dose_ug_cm2.has_value());
  expect_same_time_series(ours, theirs, *ours.summary.dose_ug_cm2);
  EXPECT_EQ(theirs.summary.steps, ours.summary.steps);
  EXPECT_GT(theirs.summary.linear_iterations, 0);
  EXPECT_LT(theirs.summary.max_mass_balance_rel, 1e-8);
}

TEST(HypreBackend, LayeredSkinGivesTheSameTimeSeries) {
  expect_backends_agree(layered_case());
}

TEST(HypreBackend, ClosingChannelsGiveTheSameTimeSeries) {
  expect_backends_agree(needled_case());
}

}  // namespace
}  // namespace dermaflux

#endif  // DERMAFLUX_HAVE_HYPRE
