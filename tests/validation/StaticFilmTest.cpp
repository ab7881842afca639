// Issue 13 (c): a regimen that is today's single dose (one application at t = 0, no
// wipe-off, a vehicle that neither evaporates nor saturates) runs today's resolved,
// never-drying film and gives its results bit for bit, on intact and needled skin.

#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "input/CaseReader.hpp"
#include "run/Simulation.hpp"

namespace dermaflux {
namespace {

bool same_bits(double a, double b) {
  return std::memcmp(&a, &b, sizeof a) == 0;
}

void expect_same_rows(const run::RunResult& a, const run::RunResult& b) {
  ASSERT_EQ(a.rows.size(), b.rows.size());
  for (std::size_t n = 0; n < a.rows.size(); ++n) {
    const auto& x = a.rows[n];
    const auto& y = b.rows[n];
    EXPECT_TRUE(same_bits(x.time_h, y.time_h)) << n;
    EXPECT_TRUE(same_bits(x.vehicle_ug_cm2, y.vehicle_ug_cm2)) << n;
    EXPECT_TRUE(same_bits(x.receptor_ug_cm2, y.receptor_ug_cm2)) << n;
    EXPECT_TRUE(same_bits(x.in_channels_ug_cm2, y.in_channels_ug_cm2)) << n;
    EXPECT_TRUE(same_bits(x.flux_ug_cm2_h, y.flux_ug_cm2_h)) << n;
    EXPECT_TRUE(same_bits(x.mass_balance_rel, y.mass_balance_rel)) << n;
    ASSERT_EQ(x.layer_ug_cm2.size(), y.layer_ug_cm2.size());
    for (std::size_t l = 0; l < x.layer_ug_cm2.size(); ++l)
      EXPECT_TRUE(same_bits(x.layer_ug_cm2[l], y.layer_ug_cm2[l])) << n << " layer " << l;
    EXPECT_FALSE(x.film.has_value());  // no film columns: today's outputs
    EXPECT_FALSE(y.film.has_value());
  }
  EXPECT_EQ(a.summary.steps, b.summary.steps);
  EXPECT_EQ(a.summary.linear_iterations, b.summary.linear_iterations);
}

std::string membrane_case(const std::string& serum_dose, const std::string& needles) {
  return "name: static-film\n"
         "skin:\n  layers:\n"
         "    - {name: barrier, thickness: 15 um, diffusivity: 1e-9 cm^2/s, partition: 0.8}\n"
         "    - {name: tissue, thickness: 200 um, diffusivity: 5e-7 cm^2/s, partition: 1}\n"
         "serum: {concentration: 30 mg/mL, diffusivity: 6e-6 cm^2/s, " +
         serum_dose + "}\n" + needles +
         "mesh: {lateral_spacing: 40 um, channel_spacing: 20 um}\n"
         "time: {end: 2 h, output_every: 1 h}\n";
}

void expect_regimen_equals_dose(const std::string& needles) {
  const input::Case dose = input::read_case_text(membrane_case("dose: 10 uL/cm^2", needles),
                                                 "case.yaml", DERMAFLUX_CASES_DIR);
  const input::Case regimen = input::read_case_text(
      membrane_case("applications: [{at: 0 h, dose: 10 uL/cm^2}], occluded: true, "
                    "vehicle: {volatile_fraction: 0}",
                    needles),
      "case.yaml", DERMAFLUX_CASES_DIR);
  ASSERT_TRUE(regimen.serum.film_is_static());
  expect_same_rows(run::run_case(dose), run::run_case(regimen));
}

TEST(StaticFilm, OneApplicationAtZeroIsTodaysDoseOnIntactSkin) {
  expect_regimen_equals_dose("");
}

TEST(StaticFilm, OneApplicationAtZeroIsTodaysDoseOnNeedledSkin) {
  expect_regimen_equals_dose(
      "needles: {shape: cone, length: 300 um, base_diameter: 100 um, tip_diameter: 5 um, "
      "pattern: square, pitch: 200 um, closure_half_life: 2 h, channels: shadow}\n");
}

}  // namespace
}  // namespace dermaflux
