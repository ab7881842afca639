// Needled skin: periodicity, symmetry, closure and mesh convergence of the
// channel model (issue: needle patterns and micro-channels).

#include <gtest/gtest.h>

#include <cmath>

#include "core/Tolerances.hpp"
#include "linear/CgStepSolver.hpp"
#include "linear/Multigrid.hpp"
#include "model/ProblemBuilder.hpp"
#include "operator/DiffusionOperator.hpp"
#include "run/Simulation.hpp"
#include "support/CaseBuilder.hpp"
#include "timestep/Bdf2Integrator.hpp"

namespace dermaflux {
namespace {

// Forearm-like skin, caffeine-like serum, a square array of conical needles.
input::Case needled_case(double pitch_m, int cells_per_pitch, double end_s) {
  auto c = testing::column_case({{"stratum_corneum", 15e-6, 6e-15, 0.8},
                                 {"viable_epidermis", 100e-6, 3e-11, 1.0},
                                 {"dermis", 400e-6, 6e-11, 1.0}},
                                30.0, 100e-6, end_s, 6, 4, 1.2);
  c.serum.diffusivity_m2_s = 6e-10;
  c.mesh.max_vertical_spacing_m = 50e-6;
  input::Needles n;
  n.pattern = input::NeedlePattern::Square;
  n.shape = input::NeedleShape::Cone;
  n.pitch_m = pitch_m;
  n.length_m = 500e-6;
  n.base_diameter_m = 200e-6;
  n.tip_diameter_m = 5e-6;
  n.penetration = 0.3;
  c.needles = n;
  c.domain.width_m = c.domain.length_m = pitch_m;
  c.mesh.lateral_spacing_m = pitch_m / cells_per_pitch;
  return c;
}

double total_in_skin(const analysis::InventoryRow& row) {
  double total = row.receptor_ug_cm2;
  for (double layer : row.layer_ug_cm2) total += layer;
  return total;
}

TEST(NeedleChannels, UnitCellAndTwoByTwoPatchGiveTheSameAmountsPerArea) {
  auto unit = needled_case(250e-6, 10, 2.0 * 3600.0);
  auto patch = unit;
  patch.domain.width_m = patch.domain.length_m = 2.0 * 250e-6;
  const auto one = run::run_case(unit);
  const auto four = run::run_case(patch);
  const auto& a = one.rows.back();
  const auto& b = four.rows.back();
  EXPECT_NEAR(b.receptor_ug_cm2, a.receptor_ug_cm2, 1e-3 * a.receptor_ug_cm2);
  for (std::size_t l = 0; l < a.layer_ug_cm2.size(); ++l)
    EXPECT_NEAR(b.layer_ug_cm2[l], a.layer_ug_cm2[l], 1e-3 * a.layer_ug_cm2[l]) << "layer " << l;
}

TEST(NeedleChannels, ACentredNeedleGivesAMirrorSymmetricField) {
  // Arrange: a centred needle in a square periodic cell, solved tightly.
  auto c = needled_case(200e-6, 10, 1800.0);
  const auto problem = model::build_problem(c);
  const auto& g = problem.mesh.grid;
  ASSERT_EQ(g.nx(), g.ny());
  op::DiffusionOperator system(problem);
  linear::MultigridPreconditioner multigrid(system);
  linear::CgSettings cg;
  cg.relative_tolerance = 1e-15;
  linear::CgStepSolver solver(system, multigrid, cg);
  timestep::StepSettings settings;
  settings.reference_potential = 30.0;
  timestep::Bdf2Integrator integrator(
      system, solver,
      Eigen::Map<const linear::Vector>(problem.initial_potential_kg_m3.data(),
                                       static_cast<Eigen::Index>(problem.cell_count())),
      settings);
  // Act
  integrator.advance_to(1800.0);
  // Assert: x <-> y and x <-> -x mirror images agree to 1e-10 of the field's scale.
  const auto& u = integrator.solution();
  const double scale = u.lpNorm<Eigen::Infinity>();
  double worst = 0.0;
  for (int k = 0; k < g.nz(); ++k)
    for (int j = 0; j < g.ny(); ++j)
      for (int i = 0; i < g.nx(); ++i) {
        const double here = u[static_cast<Eigen::Index>(g.index(i, j, k))];
        worst = std::max(worst, std::abs(u[static_cast<Eigen::Index>(g.index(j, i, k))] - here));
        worst = std::max(
            worst, std::abs(u[static_cast<Eigen::Index>(g.index(g.nx() - 1 - i, j, k))] - here));
      }
  EXPECT_LT(worst, 1e-10 * scale);
  EXPECT_GT(integrator.stats().steps, 10);
}

TEST(NeedleChannels, ClosureToZeroHalfLifeReproducesIntactSkin) {
  auto closed = needled_case(250e-6, 10, 4.0 * 3600.0);
  closed.needles->closure_half_life_s = 0.0;
  auto intact = closed;
  intact.needles.reset();
  const auto a = run::run_case(closed).rows.back();
  const auto b = run::run_case(intact).rows.back();
  EXPECT_NEAR(total_in_skin(a), total_in_skin(b), 0.01 * total_in_skin(b));
}

TEST(NeedleChannels, MassBalanceHoldsThroughClosure) {
  auto c = needled_case(250e-6, 10, 6.0 * 3600.0);
  c.needles->closure_half_life_s = 1800.0;
  const auto result = run::run_case(c);
  EXPECT_LT(result.summary.max_mass_balance_rel, core::kMassBalanceTolerance);
  // Channels open at first, then closed: the in-channel amount rises and falls to zero.
  EXPECT_GT(result.rows[1].in_channels_ug_cm2, 0.0);
  EXPECT_EQ(result.rows.back().in_channels_ug_cm2, 0.0);
}

TEST(NeedleChannels, NeedlesDeliverMoreThanIntactSkin) {
  auto needled = needled_case(250e-6, 10, 2.0 * 3600.0);
  auto intact = needled;
  intact.needles.reset();
  const double with = total_in_skin(run::run_case(needled).rows.back());
  const double without = total_in_skin(run::run_case(intact).rows.back());
  EXPECT_GT(with, 2.0 * without);
}

TEST(NeedleChannels, DeliveryConvergesUnderLateralRefinement) {
  // The default channel spacing at h and h/2: amount delivered within 2 %.
  auto coarse = needled_case(250e-6, 10, 2.0 * 3600.0);
  auto fine = coarse;
  const auto channels = model::case_channels(coarse);
  fine.mesh.lateral_spacing_m = 0.5 * coarse.mesh.lateral_spacing_m;
  fine.mesh.channel_spacing_m = 0.5 * model::channel_spacing(coarse, channels);
  fine.mesh.min_cells_per_layer = 2 * coarse.mesh.min_cells_per_layer;
  const double a = total_in_skin(run::run_case(coarse).rows.back());
  const double b = total_in_skin(run::run_case(fine).rows.back());
  EXPECT_NEAR(a, b, 0.02 * b);
}

}  // namespace
}  // namespace dermaflux
