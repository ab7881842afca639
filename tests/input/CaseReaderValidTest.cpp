// Valid case files: values in SI, defaults filled in, optional keys honoured.

#include <gtest/gtest.h>

#include "input/CaseTestSupport.hpp"

namespace dermaflux::input {
namespace {

using testing::kValidCase;
using testing::read_test_case;
using testing::replace_line;

TEST(CaseReaderValid, ReadsTheMinimalCaseInSi) {
  // Act
  const Case result = read_test_case(kValidCase);
  // Assert
  EXPECT_EQ(result.name, "test-case");
  EXPECT_EQ(result.source_file, "case.yaml");
  EXPECT_EQ(result.skin_preset, "");
  ASSERT_EQ(result.layers.size(), 2u);
  EXPECT_EQ(result.layers[0].name, "stratum_corneum");
  EXPECT_EQ(result.layers[0].thickness_m, 15e-6);
  EXPECT_EQ(result.layers[0].diffusivity_m2_s, 2.0e-14);
  EXPECT_EQ(result.layers[0].partition, 0.8);
  EXPECT_EQ(result.layers[1].name, "dermis");
  EXPECT_EQ(result.layers[1].thickness_m, 1200e-6);
  EXPECT_EQ(result.serum.concentration_kg_m3, 30.0);
  EXPECT_EQ(result.serum.dose_m, 1e-4);
  EXPECT_FALSE(result.serum.infinite_dose);
  EXPECT_EQ(result.serum.diffusivity_m2_s, 6.0e-10);
  EXPECT_EQ(result.time.end_s, 86400.0);
}

TEST(CaseReaderValid, FillsInEveryDefault) {
  // Act
  const Case result = read_test_case(kValidCase);
  // Assert
  EXPECT_EQ(result.layers[0].binding, 0.0);
  EXPECT_EQ(result.layers[0].clearance_1_s, 0.0);
  EXPECT_EQ(result.serum.preset, "");
  EXPECT_EQ(result.serum.active, "active");
  EXPECT_FALSE(result.serum.molar_mass_kg_mol.has_value());
  EXPECT_FALSE(result.serum.log_p.has_value());
  EXPECT_EQ(result.domain.lateral, LateralBoundary::Periodic);
  EXPECT_EQ(result.domain.bottom, BottomBoundary::Sink);
  EXPECT_EQ(result.domain.width_m, 10e-6);  // one column of the default lateral spacing
  EXPECT_EQ(result.domain.length_m, 10e-6);
  EXPECT_EQ(result.mesh.lateral_spacing_m, 10e-6);
  EXPECT_EQ(result.mesh.min_cells_per_layer, 4);
  EXPECT_EQ(result.mesh.growth, 1.2);
  EXPECT_EQ(result.mesh.max_vertical_spacing_m, 50e-6);
  EXPECT_EQ(result.time.tolerance, 1e-5);
  EXPECT_EQ(result.time.initial_step_s, 1.0);
  EXPECT_EQ(result.time.max_step_s, 0.0);
  EXPECT_EQ(result.solver.linear_tolerance, 1e-8);
  EXPECT_EQ(result.solver.max_iterations, 5000);
  EXPECT_EQ(result.output.directory, std::filesystem::path("results/test-case"));
  EXPECT_TRUE(result.output.vtk);
}

TEST(CaseReaderValid, HonoursEveryOptionalKey) {
  // Arrange
  const std::string text = replace_line(kValidCase, 7,
                                        "      partition: 0.8\n"
                                        "      binding: 0.5\n"
                                        "      clearance: 1e-4 1/s") +
                           "  tolerance: 1e-6\n"
                           "  initial_step: 1 s\n"
                           "  max_step: 30 min\n"
                           "  order: auto\n"
                           "domain:\n"
                           "  lateral: no_flux\n"
                           "  bottom: no_flux\n"
                           "  width: 500 um\n"
                           "  length: 1 mm\n"
                           "mesh:\n"
                           "  lateral_spacing: 5 um\n"
                           "  min_cells_per_layer: 8\n"
                           "  growth: 1.5\n"
                           "  max_vertical_spacing: 20 um\n"
                           "solver:\n"
                           "  linear_tolerance: 1e-10\n"
                           "  max_iterations: 200\n"
                           "output:\n"
                           "  directory: out/here\n"
                           "  vtk: false\n";
  // Act
  const Case result = read_test_case(text);
  // Assert
  EXPECT_EQ(result.layers[0].binding, 0.5);
  EXPECT_EQ(result.layers[0].clearance_1_s, 1e-4);
  EXPECT_EQ(result.time.tolerance, 1e-6);
  EXPECT_EQ(result.time.initial_step_s, 1.0);
  EXPECT_EQ(result.time.max_step_s, 1800.0);
  EXPECT_TRUE(result.time.variable_order);
  EXPECT_EQ(result.domain.lateral, LateralBoundary::NoFlux);
  EXPECT_EQ(result.domain.bottom, BottomBoundary::NoFlux);
  EXPECT_EQ(result.domain.width_m, 500e-6);
  EXPECT_EQ(result.domain.length_m, 1e-3);
  EXPECT_EQ(result.mesh.lateral_spacing_m, 5e-6);
  EXPECT_EQ(result.mesh.min_cells_per_layer, 8);
  EXPECT_EQ(result.mesh.growth, 1.5);
  EXPECT_EQ(result.mesh.max_vertical_spacing_m, 20e-6);
  EXPECT_EQ(result.solver.linear_tolerance, 1e-10);
  EXPECT_EQ(result.solver.max_iterations, 200);
  EXPECT_EQ(result.output.directory, std::filesystem::path("out/here"));
  EXPECT_FALSE(result.output.vtk);
}

TEST(CaseReaderValid, DomainDefaultsFollowTheLateralSpacing) {
  // Arrange
  const std::string text = kValidCase + "mesh:\n  lateral_spacing: 25 um\n";
  // Act
  const Case result = read_test_case(text);
  // Assert
  EXPECT_EQ(result.domain.width_m, 25e-6);
  EXPECT_EQ(result.domain.length_m, 25e-6);
}

TEST(CaseReaderValid, ReadsTheSerumKeys) {
  // Arrange
  const std::string text = testing::with_serum(
      "serum:\n"
      "  active: caffeine\n"
      "  molecular_weight: 194.19 g/mol\n"
      "  log_p: -0.07\n"
      "  concentration: 3 %\n"
      "  dose: infinite\n"
      "  diffusivity: 6.0e-6 cm^2/s");
  // Act
  const Case result = read_test_case(text);
  // Assert
  EXPECT_EQ(result.serum.active, "caffeine");
  EXPECT_EQ(result.serum.molar_mass_kg_mol, 0.19419);
  EXPECT_EQ(result.serum.log_p, -0.07);
  EXPECT_EQ(result.serum.concentration_kg_m3, 30.0);
  EXPECT_TRUE(result.serum.infinite_dose);
  EXPECT_EQ(result.serum.dose_m, 0.0);
}

TEST(CaseReaderValid, QuotedAndPlainScalarsAreTheSame) {
  // Arrange
  const std::string quoted = replace_line(replace_line(kValidCase, 5, "      thickness: \"15 um\""),
                                          7, "      partition: '0.8'");
  // Act
  const Case plain_case = read_test_case(kValidCase);
  const Case quoted_case = read_test_case(quoted);
  // Assert
  EXPECT_EQ(quoted_case.layers[0].thickness_m, plain_case.layers[0].thickness_m);
  EXPECT_EQ(quoted_case.layers[0].partition, plain_case.layers[0].partition);
}

TEST(CaseReaderValid, AcceptsTheYamlBooleanSpellings) {
  for (const auto& [spelling, expected] :
       std::vector<std::pair<std::string, bool>>{{"true", true},
                                                 {"false", false},
                                                 {"yes", true},
                                                 {"no", false},
                                                 {"on", true},
                                                 {"off", false},
                                                 {"True", true},
                                                 {"FALSE", false}}) {
    // Arrange
    std::string text = kValidCase;
    text.append("output:\n  vtk: ").append(spelling).append("\n");
    // Act
    const Case result = read_test_case(text);
    // Assert
    EXPECT_EQ(result.output.vtk, expected) << spelling;
  }
}

TEST(CaseReaderValid, AcceptsNamesAtTheEdgesOfTheRules) {
  for (const std::string& name :
       std::vector<std::string>{"a", "A.b-c_9", "v1.2", std::string(100, 'x'), "...a"}) {
    EXPECT_EQ(read_test_case(replace_line(kValidCase, 1, "name: \"" + name + "\"")).name, name);
  }
}

TEST(CaseReaderValid, KeysMayComeInAnyOrder) {
  // Arrange: time first, then serum, then name last
  const std::string text =
      "time: {end: 2 h, output_every: 1 h}\n"
      "serum: {concentration: 1 mg/mL, dose: infinite, diffusivity: 1e-5 cm^2/s}\n"
      "skin:\n"
      "  layers: [{name: sc, thickness: 10 um, diffusivity: 1e-10 cm^2/s, partition: 1}]\n"
      "name: flow-style\n";
  // Act
  const Case result = read_test_case(text);
  // Assert
  EXPECT_EQ(result.name, "flow-style");
  EXPECT_EQ(result.time.output_times_s, (std::vector<double>{0.0, 3600.0, 7200.0}));
}

}  // namespace
}  // namespace dermaflux::input
