// write_case_yaml(): the written file reads back as the same Case, bit for bit.

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "input/CaseEquality.hpp"
#include "input/CaseTestSupport.hpp"
#include "input/CaseWriter.hpp"

namespace dermaflux::input {
namespace {

using testing::expect_same_case;
using testing::kValidCase;
using testing::read_test_case;

Case round_trip(const Case& original) {
  return read_case_text(write_case_yaml(original), "resolved.yaml", testing::test_cases_dir());
}

bool contains(const std::string& text, const std::string& fragment) {
  return text.find(fragment) != std::string::npos;
}

TEST(CaseWriter, MinimalCaseRoundTrips) {
  // Arrange
  const Case original = read_test_case(kValidCase);
  // Act
  const Case again = round_trip(original);
  // Assert
  expect_same_case(again, original, true);
}

TEST(CaseWriter, CaseWithEveryKeyRoundTrips) {
  // Arrange
  const Case original =
      read_test_case(testing::with_serum("serum:\n"
                                         "  active: caffeine\n"
                                         "  molecular_weight: 194.19 g/mol\n"
                                         "  log_p: -0.07\n"
                                         "  concentration: 3 %\n"
                                         "  dose: 7.3 uL/cm^2\n"
                                         "  diffusivity: 6.1e-6 cm^2/s") +
                     "  tolerance: 3e-5\n  initial_step: 0.3 s\n  max_step: 17 min\n"
                     "  order: auto\n"
                     "domain: {lateral: no_flux, bottom: no_flux, width: 333 um, length: 0.7 mm}\n"
                     "mesh: {lateral_spacing: 3.3 um, min_cells_per_layer: 7, growth: 1.15, "
                     "max_vertical_spacing: 21 um}\n"
                     "solver: {linear_tolerance: 3e-11, max_iterations: 777}\n"
                     "output: {directory: out/a b, vtk: off}\n");
  // Act
  const Case again = round_trip(original);
  // Assert
  expect_same_case(again, original, true);
}

TEST(CaseWriter, InfiniteDoseAndOutputListRoundTrip) {
  // Arrange
  const Case original = read_test_case(
      testing::replace_lines(testing::replace_line(kValidCase, 14, "  dose: infinite"), 16, 18,
                             "time:\n  end: 7 h\n  outputs: [0.1 h, 1 h, 2.5 h]"));
  // Act
  const Case again = round_trip(original);
  // Assert
  EXPECT_TRUE(again.serum.infinite_dose);
  expect_same_case(again, original, true);
}

TEST(CaseWriter, PresetCaseRoundTripsExpanded) {
  // Arrange
  const Case original = read_case(testing::test_cases_dir() / "with_presets.yaml");
  // Act
  const std::string written = write_case_yaml(original);
  const Case again = read_case_text(written, "resolved.yaml", "/nonexistent");
  // Assert: no preset is read back (none is named), yet every value is the same
  EXPECT_FALSE(contains(written, "preset:"));
  EXPECT_TRUE(contains(written, "# expanded from skin preset forearm"));
  EXPECT_TRUE(contains(written, "# expanded from serum preset caffeine_3pct"));
  EXPECT_EQ(again.skin_preset, "");
  expect_same_case(again, original, false);
}

TEST(CaseWriter, WritesSiValuesWithFriendlyComments) {
  // Act
  const std::string written = write_case_yaml(read_test_case(kValidCase));
  // Assert
  EXPECT_TRUE(contains(written, "thickness: 1.5e-05 m  # 15 um")) << written;
  EXPECT_TRUE(contains(written, "diffusivity: 2e-14 m^2/s  # 2e-10 cm^2/s")) << written;
  EXPECT_TRUE(contains(written, "partition: 0.8\n")) << written;
  EXPECT_TRUE(contains(written, "dose: 1e-04 m  # 10 uL/cm^2")) << written;
  EXPECT_TRUE(contains(written, "end: 86400 s  # 24 h")) << written;
  EXPECT_TRUE(contains(written, "outputs:\n    - 3600 s  # 1 h\n")) << written;
  EXPECT_FALSE(contains(written, "output_every")) << written;
  EXPECT_FALSE(contains(written, "max_step")) << written;  // 0 means none
  EXPECT_TRUE(contains(written, "directory: results/test-case")) << written;
}

TEST(CaseWriter, NamesYamlWouldMisreadAreQuoted) {
  for (const std::string name : {"null", "yes", "true", "1e5", "0.8", "Null", "off", "-"}) {
    // Arrange
    Case original = read_test_case(kValidCase);
    original.name = name;
    original.serum.active = name;
    original.output.directory = name;
    // Act
    const Case again = round_trip(original);
    // Assert
    expect_same_case(again, original, true);
  }
}

TEST(CaseWriter, ActiveNamesWithYamlCharactersRoundTrip) {
  for (const std::string active : {"caffeine: anhydrous", "#1 active", "  padded  ", "[x]",
                                   "vitamin \"C\"", "niacinamide\u00B7HCl", "'q'"}) {
    // Arrange
    Case original = read_test_case(kValidCase);
    original.serum.active = active;
    // Act
    const Case again = round_trip(original);
    // Assert
    EXPECT_EQ(again.serum.active, active);
  }
}

// Half the random cases get a regimen: applications (the first not always at 0, some
// with their own concentration), wipe-offs, occlusion, a vehicle, an area, exposure.
void add_random_regimen(std::mt19937_64& generator, Case& result) {
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  auto log_uniform = [&](double low, double high) {
    return low * std::pow(high / low, unit(generator));
  };
  if (unit(generator) < 0.5) return;
  Serum& serum = result.serum;
  const double end_s = result.time.end_s;
  const int applications = 1 + static_cast<int>(unit(generator) * 4.0);
  serum.applications.clear();
  for (int k = 0; k < applications; ++k) {
    const double at_s = k == 0 && unit(generator) < 0.5 ? 0.0 : end_s * (k + unit(generator)) / 5;
    const double concentration =
        unit(generator) < 0.5 ? serum.concentration_kg_m3 : log_uniform(1e-3, 2000.0);
    serum.applications.push_back({at_s, log_uniform(1e-7, 1e-2), concentration});
  }
  serum.dose_m = serum.applications.front().dose_m;
  serum.remove_at_s.clear();
  const int wipe_offs = static_cast<int>(unit(generator) * 3.0);
  for (int k = 0; k < wipe_offs; ++k)
    serum.remove_at_s.push_back(end_s * (k + unit(generator)) / 3);
  serum.occluded = unit(generator) < 0.5;
  if (unit(generator) < 0.7) {
    Vehicle vehicle;
    vehicle.volatile_fraction = unit(generator) < 0.2 ? 0.0 : unit(generator) * 0.999;
    vehicle.evaporation_rate_m_s = log_uniform(1e-12, 1e-6);
    if (unit(generator) < 0.5) vehicle.solubility_kg_m3 = log_uniform(1e-3, 2000.0);
    serum.vehicle = vehicle;
  }
  if (unit(generator) < 0.7) {
    serum.area_m2 = log_uniform(1e-6, 1.0);
    if (unit(generator) < 0.7) {
      Exposure exposure;
      exposure.body_weight_kg = log_uniform(1.0, 200.0);
      exposure.applications_per_day = log_uniform(0.1, 10.0);
      if (unit(generator) < 0.5) exposure.noael_kg_kg_s = log_uniform(1e-12, 1e-3);
      result.exposure = exposure;
    }
  }
}

// A valid case with every number drawn at random, so that the round trip meets
// awkward digits rather than the tidy ones people type.
Case random_case(std::mt19937_64& generator) {
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  auto log_uniform = [&](double low, double high) {
    return low * std::pow(high / low, unit(generator));
  };
  Case result = read_test_case(kValidCase);
  for (Layer& layer : result.layers) {
    layer.thickness_m = log_uniform(1e-6, 1e-2);
    layer.diffusivity_m2_s = log_uniform(1e-18, 1e-8);
    layer.partition = log_uniform(1e-3, 1e3);
    layer.binding = unit(generator) < 0.5 ? 0.0 : log_uniform(1e-3, 1e2);
    layer.clearance_1_s = unit(generator) < 0.5 ? 0.0 : log_uniform(1e-6, 1e-1);
  }
  result.serum.molar_mass_kg_mol = log_uniform(0.01, 1000.0);
  result.serum.log_p = unit(generator) * 10.0 - 5.0;
  result.serum.concentration_kg_m3 = log_uniform(1e-3, 500.0);
  result.serum.dose_m = log_uniform(1e-7, 1e-3);
  result.serum.applications = {{0.0, result.serum.dose_m, result.serum.concentration_kg_m3}};
  result.serum.diffusivity_m2_s = log_uniform(1e-12, 1e-8);
  result.mesh.lateral_spacing_m = log_uniform(1e-6, 1e-4);
  result.domain.width_m = result.mesh.lateral_spacing_m * log_uniform(1.0, 1000.0);
  result.domain.length_m = result.mesh.lateral_spacing_m * log_uniform(1.0, 1000.0);
  result.mesh.growth = 1.0 + 2.0 * unit(generator);
  result.mesh.max_vertical_spacing_m = log_uniform(1e-6, 1e-3);
  result.time.end_s = log_uniform(1.0, 1e7);
  result.time.output_times_s = {0.0};
  const int outputs = 1 + static_cast<int>(unit(generator) * 20.0);
  for (int k = 1; k < outputs; ++k) {
    result.time.output_times_s.push_back(result.time.end_s * (k + unit(generator) * 0.9) / outputs);
  }
  result.time.output_times_s.push_back(result.time.end_s);
  result.time.tolerance = log_uniform(1e-10, 0.1);
  result.time.initial_step_s = log_uniform(1e-6, 10.0);
  result.time.max_step_s = unit(generator) < 0.5 ? 0.0 : log_uniform(1.0, 1e4);
  result.solver.linear_tolerance = log_uniform(1e-15, 1e-3);
  add_random_regimen(generator, result);
  return result;
}

TEST(CaseWriter, RegimenAndExposureRoundTrip) {
  // Arrange
  const Case original = read_test_case(
      testing::with_serum(
          "serum:\n"
          "  preset: ascorbic_acid_15pct\n"
          "  applications: [{at: 0 h}, {at: 12 h, dose: 5 uL/cm^2, concentration: 100 mg/mL}]\n"
          "  remove_at: [10 min, 12.1667 h]\n"
          "  occluded: true\n"
          "  vehicle: {preset: water_serum}\n"
          "  area: 25 cm^2") +
      "exposure: {body_weight: 70 kg, noael: 100 mg/kg/day}\n");
  // Act
  const std::string written = write_case_yaml(original);
  const Case again = read_case_text(written, "resolved.yaml", "/nonexistent");
  // Assert
  EXPECT_FALSE(contains(written, "preset:"));
  EXPECT_TRUE(contains(written, "applications:"));
  EXPECT_TRUE(contains(written, "# 15 uL/cm^2/h"));
  EXPECT_TRUE(contains(written, "# 100 mg/kg/day"));
  expect_same_case(again, original, false);
}

// A case without the new keys writes none of them (its resolved file keeps its bytes).
TEST(CaseWriter, NoRegimenKeysWithoutARegimen) {
  const std::string written = write_case_yaml(read_test_case(kValidCase));
  for (const char* key : {"applications", "remove_at", "occluded", "vehicle", "area", "exposure"})
    EXPECT_FALSE(contains(written, key)) << key;
}

TEST(CaseWriter, RandomCasesRoundTripBitForBit) {
  std::mt19937_64 generator(42);
  for (int i = 0; i < 200; ++i) {
    // Arrange
    const Case original = random_case(generator);
    // Act
    const Case again = round_trip(original);
    // Assert
    expect_same_case(again, original, true);
    if (::testing::Test::HasFailure()) {
      ADD_FAILURE() << "written:\n" << write_case_yaml(original);
      break;
    }
  }
}

}  // namespace
}  // namespace dermaflux::input
