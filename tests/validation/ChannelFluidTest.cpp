// What fills a channel (issue 14): the serum while a film is on the skin, tissue fluid
// (needles.tissue_fluid_diffusivity) once it is wiped off. Checked against the two
// answers known without a solver: with the film on, the key changes nothing (the
// channel holds serum); a tissue fluid as fast as the serum changes nothing at any
// time; and a nearly stagnant tissue fluid keeps what the channels held at the
// wipe-off in them, so less reaches the tissue than with serum-filled channels.

#include <gtest/gtest.h>

#include "run/Simulation.hpp"
#include "support/CaseBuilder.hpp"

namespace dermaflux {
namespace {

constexpr double kHour = 3600.0;
constexpr double kWipeOff_s = 0.25 * kHour;

// Thin forearm-like skin, a 10 uL/cm^2 film wiped off at 0.25 h, conical needles
// (a coarse mesh: the checks compare runs on the same mesh).
input::Case wiped_needled_case() {
  auto c = testing::column_case({{"stratum_corneum", 15e-6, 6e-15, 0.8},
                                 {"viable_epidermis", 60e-6, 3e-11, 1.0},
                                 {"dermis", 100e-6, 6e-11, 1.0}},
                                30.0, 100e-6, 1.0 * kHour, 4, 4, 1.2);
  c.serum.remove_at_s = {kWipeOff_s};
  c.mesh.max_vertical_spacing_m = 50e-6;
  c.needles = testing::square_needles(200e-6, 200e-6, 100e-6, 0.3, std::nullopt);
  c.domain.width_m = c.domain.length_m = 200e-6;
  c.mesh.lateral_spacing_m = 40e-6;
  return c;
}

double left_the_channels_ug_cm2(const analysis::InventoryRow& row) {
  double total = row.receptor_ug_cm2;
  for (double layer : row.layer_ug_cm2) total += layer;
  return total;
}

TEST(ChannelFluid, SerumWhileTheFilmIsOnTissueFluidAfter) {
  const input::Case serum_filled = wiped_needled_case();
  ASSERT_FALSE(serum_filled.serum.film_is_static());
  input::Case same_fluid = serum_filled;
  same_fluid.needles->tissue_fluid_diffusivity_m2_s = serum_filled.serum.diffusivity_m2_s;
  input::Case stagnant = serum_filled;
  stagnant.needles->tissue_fluid_diffusivity_m2_s = 1e-20;

  const auto a = run::run_case(serum_filled);
  const auto b = run::run_case(same_fluid);
  const auto c = run::run_case(stagnant);

  ASSERT_EQ(a.rows.size(), c.rows.size());
  for (std::size_t n = 0; n < a.rows.size(); ++n) {
    // A fluid as fast as the serum: the same run, bit for bit.
    EXPECT_EQ(left_the_channels_ug_cm2(a.rows[n]), left_the_channels_ug_cm2(b.rows[n]));
    if (a.rows[n].time_h * kHour <= kWipeOff_s) {
      // Film on: the channels hold serum whatever the tissue fluid.
      EXPECT_EQ(left_the_channels_ug_cm2(a.rows[n]), left_the_channels_ug_cm2(c.rows[n]))
          << "t = " << a.rows[n].time_h << " h";
    }
  }
  // Film off: a stagnant fluid holds the channels' load back from the tissue.
  EXPECT_LT(left_the_channels_ug_cm2(c.rows.back()), left_the_channels_ug_cm2(a.rows.back()));
  EXPECT_LE(c.summary.max_mass_balance_rel, 1e-9);
}

}  // namespace
}  // namespace dermaflux
