// The follicular shunt (input/FollicularShunt.hpp): its two conductances in series
// against a hand computation and their limits, and a case with and without
// `skin.follicles`.

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <string>

#include "input/CaseReader.hpp"
#include "input/FollicularShunt.hpp"
#include "input/KastingEstimates.hpp"

namespace dermaflux::input {
namespace {

constexpr double kCmPerHour = 1e-2 / 3600.0;  // m/s

TEST(FollicularShunt, PorcineEarIsTheMiddleOfJacobisRanges) {
  const auto ear = follicle_preset("porcine_ear");
  ASSERT_TRUE(ear.has_value());
  EXPECT_DOUBLE_EQ(ear->density_per_m2, 18.0e4);  // 11-25 per cm^2
  EXPECT_DOUBLE_EQ(ear->orifice_diameter_m, 200e-6);
  EXPECT_DOUBLE_EQ(ear->hair_diameter_m, 77.5e-6);  // 58-97 um
  EXPECT_FALSE(follicle_preset("porcine_back").has_value());
}

TEST(FollicularShunt, LumenAndAccessInSeriesByHand) {
  // Porcine ear, D_vehicle 6e-6 cm^2/s, h 43 um, D_tissue 2e-6 cm^2/s, K 0.9:
  // open area (pi/4)(200^2 - 77.5^2) um^2 = 2.66986e-8 m^2; g_lumen = A D / h =
  // 3.72539e-13 m^3/s; g_access = 2 d_o D K = 7.2e-14 m^3/s; n / (1/g1 + 1/g2) =
  // 1.08609e-8 m/s = 3.90993e-3 cm/h.
  const Follicles ear = *follicle_preset("porcine_ear");
  const double p = follicular_permeability_m_s(ear, 6e-10, 43e-6, 2e-10, 0.9);
  EXPECT_NEAR(p / kCmPerHour, 3.90993e-3, 1e-8);
}

TEST(FollicularShunt, EachStepLimitsWhenTheOtherIsOpen) {
  const Follicles ear = *follicle_preset("porcine_ear");
  const double area = std::numbers::pi / 4.0 * (200e-6 * 200e-6 - 77.5e-6 * 77.5e-6);
  // Tissue far more conductive: the lumen alone, n A D_v / h (parallel pores).
  EXPECT_NEAR(
      follicular_permeability_m_s(ear, 6e-10, 43e-6, 1.0, 1.0) / (18e4 * area * 6e-10 / 43e-6), 1.0,
      1e-9);
  // A vanishing barrier: the disc's access conductance alone, n 4 a D K (a = 100 um).
  EXPECT_NEAR(follicular_permeability_m_s(ear, 6e-10, 1e-30, 2e-10, 0.9) /
                  (18e4 * 4.0 * 100e-6 * 2e-10 * 0.9),
              1.0, 1e-12);
  // No follicles, or a hair that fills the orifice: no shunt.
  EXPECT_EQ(follicular_permeability_m_s({"", 0.0, 200e-6, 0.0}, 6e-10, 43e-6, 2e-10, 0.9), 0.0);
  EXPECT_EQ(follicular_permeability_m_s({"", 18e4, 80e-6, 80e-6}, 6e-10, 43e-6, 2e-10, 0.9), 0.0);
}

std::string caffeine_case(const std::string& skin_extra) {
  return "name: shunt\nskin:\n  estimates: kasting\n" + skin_extra +
         "  layers:\n"
         "    - {name: stratum_corneum, thickness: 13 um}\n"
         "    - {name: viable_epidermis, thickness: 100 um}\n"
         "serum: {active: caffeine, molecular_weight: 194.19 g/mol, log_p: -0.07,"
         " concentration: 1 mg/mL, dose: infinite, diffusivity: 6e-6 cm^2/s}\n"
         "time: {end: 1 h}\n";
}

TEST(FollicularShunt, ACaseAddsItToTheStratumCorneumsPermeabilityOnly) {
  const Case off = read_case_text(caffeine_case(""), "case.yaml", ".");
  const Case on = read_case_text(caffeine_case("  follicles: porcine_ear\n"), "case.yaml", ".");
  const kasting::Active caffeine{194.19, -0.07, 0.0, 1.0, 1.0};
  const kasting::AqueousTissue tissue = kasting::aqueous_tissue(caffeine);
  const double shunt = follicular_permeability_m_s(*follicle_preset("porcine_ear"), 6e-10,
                                                   13e-6 * kasting::kHydratedSwelling,
                                                   tissue.diffusivity_m2_s, tissue.partition);
  const Layer& sc_off = off.layers[0];
  const Layer& sc_on = on.layers[0];
  EXPECT_EQ(sc_on.partition, sc_off.partition);
  EXPECT_NEAR(sc_on.diffusivity_m2_s * sc_on.partition / 13e-6,
              sc_off.diffusivity_m2_s * sc_off.partition / 13e-6 + shunt, 1e-12 * shunt);
  EXPECT_EQ(on.layers[1].diffusivity_m2_s, off.layers[1].diffusivity_m2_s);
  EXPECT_NE(on.estimates[1].formula.find("P_follicles"), std::string::npos);
  EXPECT_NE(on.estimates[1].formula.find("Jacobi et al."), std::string::npos);
  EXPECT_EQ(off.estimates[1].formula.find("P_follicles"), std::string::npos);
}

TEST(FollicularShunt, NumbersReadAsThePresetGivesThem) {
  const Case numbers =
      read_case_text(caffeine_case("  follicles: {density: 18 1/cm^2, orifice_diameter: 200 um,"
                                   " hair_diameter: 77.5 um}\n"),
                     "case.yaml", ".");
  const Case preset = read_case_text(caffeine_case("  follicles: porcine_ear\n"), "case.yaml", ".");
  EXPECT_DOUBLE_EQ(numbers.layers[0].diffusivity_m2_s, preset.layers[0].diffusivity_m2_s);
}

std::string error_reading(const std::string& skin) {
  try {
    read_case_text("name: bad\nskin:\n" + skin +
                       "  layers:\n    - {name: stratum_corneum, thickness: 13 um}\n"
                       "serum: {active: x, molecular_weight: 300 g/mol, log_p: 2,"
                       " concentration: 1 mg/mL, dose: infinite, diffusivity: 6e-6 cm^2/s}\n"
                       "time: {end: 1 h}\n",
                   "case.yaml", ".");
  } catch (const std::exception& error) {
    return error.what();
  }
  return "";
}

TEST(FollicularShunt, BadFolliclesAreLocatedErrors) {
  EXPECT_NE(error_reading("  estimates: potts_guy_1992\n  follicles: porcine_ear\n")
                .find("skin.estimates: kasting"),
            std::string::npos);
  EXPECT_NE(error_reading("  estimates: kasting\n  follicles: porcine_eer\n")
                .find("did you mean \"porcine_ear\""),
            std::string::npos);
  const std::string hair = error_reading(
      "  estimates: kasting\n  follicles: {density: 18 1/cm^2, orifice_diameter: 80 um,"
      " hair_diameter: 90 um}\n");
  EXPECT_NE(hair.find("skin.follicles.hair_diameter"), std::string::npos) << hair;
}

}  // namespace
}  // namespace dermaflux::input
