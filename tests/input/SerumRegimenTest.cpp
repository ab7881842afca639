// The serum film's regimen keys (applications, remove_at, occluded, vehicle, area) and
// exposure: what they read to, their defaults and presets, and located errors.

#include <gtest/gtest.h>

#include "input/CaseTestSupport.hpp"
#include "input/SerumFile.hpp"

namespace dermaflux::input {
namespace {

using testing::expect_input_error;
using testing::kValidCase;
using testing::read_test_case;
using testing::replace_line;
using testing::with_serum;

constexpr double kHour_s = 3600.0;
constexpr double kUlPerCm2_m = 1e-5;

// The valid case's serum (lines 12-15) with `extra` lines after it (from line 16 on;
// time.end, 24 h, follows them).
std::string serum_with(const std::string& extra) {
  return with_serum(
      "serum:\n"                        // 12
      "  concentration: 30 mg/mL\n"     // 13
      "  diffusivity: 6.0e-6 cm^2/s\n"  // 14
      + extra);
}

TEST(SerumRegimen, WithoutTheNewKeysTheFilmIsToday) {
  const Case result = read_test_case(kValidCase);
  ASSERT_EQ(result.serum.applications.size(), 1u);
  EXPECT_EQ(result.serum.applications[0].at_s, 0.0);
  EXPECT_TRUE(result.serum.remove_at_s.empty());
  EXPECT_FALSE(result.serum.occluded);
  EXPECT_FALSE(result.serum.vehicle);
  EXPECT_FALSE(result.serum.area_m2);
  EXPECT_FALSE(result.exposure);
  EXPECT_TRUE(result.serum.film_is_static());
}

TEST(SerumRegimen, ApplicationsAreSortedAndTakeTheSerumsConcentration) {
  const Case result =
      read_test_case(serum_with("  applications:\n"
                                "    - {at: 12 h, dose: 5 uL/cm^2, concentration: 20 mg/mL}\n"
                                "    - {at: 0 h, dose: 10 uL/cm^2}\n"
                                "  remove_at: [18 h, 10 min]\n"
                                "  occluded: true\n"
                                "  area: 25 cm^2"));
  const Serum& serum = result.serum;
  ASSERT_EQ(serum.applications.size(), 2u);
  EXPECT_EQ(serum.applications[0].at_s, 0.0);
  EXPECT_DOUBLE_EQ(serum.applications[0].dose_m, 10 * kUlPerCm2_m);
  EXPECT_DOUBLE_EQ(serum.applications[0].concentration_kg_m3, 30.0);
  EXPECT_EQ(serum.applications[1].at_s, 12 * kHour_s);
  EXPECT_DOUBLE_EQ(serum.applications[1].concentration_kg_m3, 20.0);
  EXPECT_DOUBLE_EQ(serum.dose_m, 10 * kUlPerCm2_m);  // the first one's
  EXPECT_FALSE(serum.infinite_dose);
  EXPECT_EQ(serum.remove_at_s, (std::vector<double>{600.0, 18 * kHour_s}));
  EXPECT_TRUE(serum.occluded);
  ASSERT_TRUE(serum.area_m2);
  EXPECT_DOUBLE_EQ(*serum.area_m2, 25e-4);
  EXPECT_FALSE(serum.film_is_static());
}

TEST(SerumRegimen, OneWipeOffIsAScalar) {
  const Case result = read_test_case(replace_line(kValidCase, 15,
                                                  "  diffusivity: 6.0e-6 cm^2/s\n"
                                                  "  remove_at: 8 h"));
  EXPECT_EQ(result.serum.remove_at_s, std::vector<double>{8 * kHour_s});
}

TEST(SerumRegimen, ApplicationsTakeThePresetsDose) {
  const Case result = read_test_case(
      with_serum("serum:\n  preset: caffeine_3pct\n  applications: [{at: 0 h}, {at: 12 h}]"));
  ASSERT_EQ(result.serum.applications.size(), 2u);
  EXPECT_DOUBLE_EQ(result.serum.applications[1].dose_m, 10 * kUlPerCm2_m);
  EXPECT_DOUBLE_EQ(result.serum.applications[1].concentration_kg_m3, 30.0);
}

TEST(SerumRegimen, VehiclePresetAndCaseKeys) {
  const Case result = read_test_case(serum_with(
      "  dose: 10 uL/cm^2\n"
      "  vehicle: {preset: water_serum, evaporation_rate: 20 um/h, solubility: 40 mg/mL}"));
  ASSERT_TRUE(result.serum.vehicle);
  EXPECT_DOUBLE_EQ(result.serum.vehicle->volatile_fraction, 0.85);
  EXPECT_DOUBLE_EQ(result.serum.vehicle->evaporation_rate_m_s, 20e-6 / kHour_s);
  ASSERT_TRUE(result.serum.vehicle->solubility_kg_m3);
  EXPECT_DOUBLE_EQ(*result.serum.vehicle->solubility_kg_m3, 40.0);
}

TEST(SerumRegimen, EvaporationRateUnits) {
  const Case result = read_test_case(
      serum_with("  dose: 10 uL/cm^2\n"
                 "  vehicle: {volatile_fraction: 0.9, evaporation_rate: 15 uL/cm^2/h}"));
  EXPECT_DOUBLE_EQ(result.serum.vehicle->evaporation_rate_m_s, 15 * kUlPerCm2_m / kHour_s);
}

// A serum preset's solubility waits for the case to name a vehicle: the shipped cases
// that use these presets keep today's never-drying film and its results.
TEST(SerumRegimen, PresetSolubilityOnlyWithAVehicle) {
  const Case plain = read_test_case(with_serum("serum:\n  preset: ascorbic_acid_15pct"));
  EXPECT_FALSE(plain.serum.vehicle);
  EXPECT_TRUE(plain.serum.film_is_static());

  const Case with_vehicle = read_test_case(
      with_serum("serum:\n  preset: ascorbic_acid_15pct\n  vehicle: {preset: water_serum}"));
  ASSERT_TRUE(with_vehicle.serum.vehicle);
  ASSERT_TRUE(with_vehicle.serum.vehicle->solubility_kg_m3);
  EXPECT_DOUBLE_EQ(*with_vehicle.serum.vehicle->solubility_kg_m3, 330.0);
  EXPECT_FALSE(with_vehicle.serum.film_is_static());
}

TEST(SerumRegimen, ExposureReadsSccsUnits) {
  const Case result = read_test_case(
      serum_with("  dose: 10 uL/cm^2\n  area: 600 cm^2\n") +
      "exposure: {body_weight: 70 kg, applications_per_day: 2, noael: 100 mg/kg/day}\n");
  ASSERT_TRUE(result.exposure);
  EXPECT_DOUBLE_EQ(result.exposure->body_weight_kg, 70.0);
  EXPECT_DOUBLE_EQ(result.exposure->applications_per_day, 2.0);
  ASSERT_TRUE(result.exposure->noael_kg_kg_s);
  EXPECT_DOUBLE_EQ(*result.exposure->noael_kg_kg_s, 100e-6 / 86400.0);
}

TEST(SerumRegimen, ExposureDefaults) {
  const Case result =
      read_test_case(serum_with("  dose: 10 uL/cm^2\n  area: 600 cm^2\n") + "exposure: {}\n");
  ASSERT_TRUE(result.exposure);
  EXPECT_DOUBLE_EQ(result.exposure->body_weight_kg, 60.0);
  EXPECT_DOUBLE_EQ(result.exposure->applications_per_day, 1.0);
  EXPECT_FALSE(result.exposure->noael_kg_kg_s);
}

// ---- located errors ----------------------------------------------------------------

TEST(SerumRegimenErrors, ApplicationBeforeZero) {
  expect_input_error(serum_with("  applications:\n    - {at: -1 h, dose: 10 uL/cm^2}"),
                     "case.yaml:16:12", "serum.applications[0].at",
                     {"expected a time not before 0", "found \"-1 h\""});
}

TEST(SerumRegimenErrors, ApplicationAfterTheEnd) {
  expect_input_error(serum_with("  applications:\n"
                                "    - {at: 0 h, dose: 10 uL/cm^2}\n"
                                "    - {at: 30 h, dose: 10 uL/cm^2}"),
                     "case.yaml:17:12", "serum.applications[1].at",
                     {"expected a time from 0 to time.end (24 h)", "found \"30 h\""});
}

TEST(SerumRegimenErrors, DoseAndApplicationsTogether) {
  expect_input_error(
      serum_with("  dose: 10 uL/cm^2\n  applications: [{at: 0 h}]"), "case.yaml:16:17",
      "serum.applications",
      {"expected either dose or applications, not both", "found both", "dose is on line 15"});
}

TEST(SerumRegimenErrors, EmptyApplications) {
  expect_input_error(serum_with("  applications: []"), "case.yaml:15:17", "serum.applications",
                     {"expected a list of at least one application", "found a list"});
}

TEST(SerumRegimenErrors, ApplicationWithoutDose) {
  expect_input_error(serum_with("  applications: [{at: 0 h}]"), "case.yaml:15:18",
                     "serum.applications[0].dose", {"no \"dose\" key"});
}

TEST(SerumRegimenErrors, VolatileFractionOfOne) {
  expect_input_error(
      serum_with("  dose: 10 uL/cm^2\n  vehicle: {volatile_fraction: 1, evaporation_rate: 1 um/h}"),
      "case.yaml:16:32", "serum.vehicle.volatile_fraction",
      {"expected a fraction from 0 up to (not including) 1", "found \"1\""});
}

TEST(SerumRegimenErrors, NegativeVolatileFraction) {
  expect_input_error(serum_with("  dose: 10 uL/cm^2\n  vehicle: {volatile_fraction: -0.1}"),
                     "case.yaml:16:32", "serum.vehicle.volatile_fraction",
                     {"expected a fraction from 0", "found \"-0.1\""});
}

TEST(SerumRegimenErrors, NegativeEvaporationRate) {
  expect_input_error(
      serum_with("  dose: 10 uL/cm^2\n  vehicle: {volatile_fraction: 0.9, evaporation_rate: "
                 "-5 uL/cm^2/h}"),
      "case.yaml:16:55", "serum.vehicle.evaporation_rate",
      {"expected a non-negative volume per area per time", "must not be negative"});
}

TEST(SerumRegimenErrors, VolatileFractionWithoutRate) {
  expect_input_error(serum_with("  dose: 10 uL/cm^2\n  vehicle: {volatile_fraction: 0.9}"),
                     "case.yaml:16:12", "serum.vehicle.evaporation_rate",
                     {"no \"evaporation_rate\" key"});
}

TEST(SerumRegimenErrors, UnknownVehiclePreset) {
  expect_input_error(serum_with("  dose: 10 uL/cm^2\n  vehicle: {preset: watr_serum}"),
                     "case.yaml:16:21", "serum.vehicle.preset",
                     {"the name of a preset in vehicles/", "did you mean \"water_serum\"?"});
}

TEST(SerumRegimenErrors, ExposureWithoutArea) {
  expect_input_error(serum_with("  dose: 10 uL/cm^2\n") + "exposure: {body_weight: 60 kg}\n",
                     "case.yaml:13:3", "serum.area",
                     {"expected a positive area", "no \"area\" key", "exposure (line 20)"});
}

TEST(SerumRegimenErrors, TwoWipeOffsAtTheSameTime) {
  expect_input_error(serum_with("  dose: 10 uL/cm^2\n  remove_at: [6 h, 2 h, 360 min]"),
                     "case.yaml:16:25", "serum.remove_at[2]",
                     {"expected a wipe-off time not already listed", "found \"360 min\"",
                      "the same time as on line 16"});
}

TEST(SerumRegimenErrors, WipeOffBeforeZero) {
  expect_input_error(serum_with("  dose: 10 uL/cm^2\n  remove_at: -2 h"), "case.yaml:16:14",
                     "serum.remove_at", {"expected a time not before 0", "found \"-2 h\""});
}

TEST(SerumRegimenErrors, WipeOffAfterTheEnd) {
  expect_input_error(serum_with("  dose: 10 uL/cm^2\n  remove_at: [1 h, 25 h]"), "case.yaml:16:20",
                     "serum.remove_at[1]",
                     {"expected a time from 0 to time.end (24 h)", "found \"25 h\""});
}

TEST(SerumRegimenErrors, ConcentrationDenserThanASolid) {
  expect_input_error(replace_line(kValidCase, 13, "  concentration: 2500 mg/mL"), "case.yaml:13:18",
                     "serum.concentration",
                     {"expected a concentration of at most 2000 mg/mL", "found \"2500 mg/mL\""});
}

TEST(SerumRegimenErrors, FilmThickerThanACentimetre) {
  expect_input_error(
      replace_line(kValidCase, 14, "  dose: 1e6 uL/cm^2"), "case.yaml:14:9", "serum.dose",
      {"expected a dose of at most 1000 uL/cm^2 (a film 1 cm thick)", "found \"1e6 uL/cm^2\""});
}

TEST(SerumRegimenErrors, ApplicationDoseThickerThanACentimetre) {
  expect_input_error(serum_with("  applications: [{at: 0 h, dose: 2 mL/cm^2}]"), "case.yaml:15:34",
                     "serum.applications[0].dose", {"expected a dose of at most 1000 uL/cm^2"});
}

TEST(SerumRegimenErrors, NoaelInTheWrongUnit) {
  expect_input_error(
      serum_with("  dose: 10 uL/cm^2\n  area: 25 cm^2\n") + "exposure: {noael: 100 mg/kg}\n",
      "case.yaml:21:19", "exposure.noael",
      {"expected a positive dose per body weight and day such as \"100 "
       "mg/kg/day\""});
}

}  // namespace
}  // namespace dermaflux::input

namespace dermaflux::input {
namespace {

// `closure_half_life: auto` follows serum.occluded.
Case with_auto_closure(const std::string& occluded) {
  return testing::read_test_case(
      testing::replace_line(testing::kValidCase, 15,
                            "  diffusivity: 6.0e-6 cm^2/s\n  occluded: " + occluded) +
      "needles: {pattern: square, pitch: 500 um, length: 500 um, base_diameter: 200 um, "
      "closure_half_life: auto}\n");
}

TEST(SerumRegimen, AutoClosureFollowsOcclusion) {
  const Case open = with_auto_closure("false");
  const Case covered = with_auto_closure("true");
  ASSERT_TRUE(open.needles && covered.needles);
  EXPECT_DOUBLE_EQ(*open.needles->closure_half_life_s, 3.5 * 3600.0);
  EXPECT_EQ(open.needles->closure_preset, "non_occluded");
  EXPECT_DOUBLE_EQ(*covered.needles->closure_half_life_s, 23.0 * 3600.0);
  EXPECT_EQ(covered.needles->closure_preset, "occluded");
}

}  // namespace
}  // namespace dermaflux::input

namespace dermaflux::input {
namespace {

// `compare`: a serum file without a regimen runs on the case's, with its own dose,
// concentration and (dormant until now) solubility.
TEST(SerumRegimen, ComparedSerumTakesTheCasesRegimen) {
  const Serum compared =
      read_serum_file(std::filesystem::path(DERMAFLUX_CASES_DIR) / "serums" / "caffeine_3pct.yaml");
  EXPECT_FALSE(compared.vehicle);
  ASSERT_TRUE(compared.preset_solubility_kg_m3);
  const Case result = read_case_text(testing::with_serum("serum:\n"
                                                         "  preset: ascorbic_acid_15pct\n"
                                                         "  applications: [{at: 0 h}, {at: 12 h}]\n"
                                                         "  remove_at: [10 min, 730 min]\n"
                                                         "  vehicle: {preset: water_serum}\n"
                                                         "  area: 565 cm^2"),
                                     "case.yaml", testing::test_cases_dir(), compared);
  const Serum& serum = result.serum;
  EXPECT_EQ(serum.active, "caffeine");
  ASSERT_EQ(serum.applications.size(), 2u);
  EXPECT_EQ(serum.applications[1].at_s, 12 * 3600.0);
  EXPECT_DOUBLE_EQ(serum.applications[1].concentration_kg_m3, 30.0);
  EXPECT_EQ(serum.remove_at_s.size(), 2u);
  ASSERT_TRUE(serum.vehicle && serum.area_m2);
  EXPECT_DOUBLE_EQ(serum.vehicle->volatile_fraction, 0.85);
  EXPECT_DOUBLE_EQ(*serum.vehicle->solubility_kg_m3, 21.7);  // caffeine's, not ascorbic acid's
}

}  // namespace
}  // namespace dermaflux::input
