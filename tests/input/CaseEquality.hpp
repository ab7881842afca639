#pragma once
// Field-by-field comparison of two Cases with doubles compared bit for bit, for the
// writer's round-trip tests. Presets and the source file are documentation of where
// a case came from, not part of what runs: the writer keeps preset names as comments
// only, so they are compared only on request.

#include <gtest/gtest.h>

#include <bit>
#include <cstdint>
#include <optional>
#include <vector>

#include "input/Case.hpp"

namespace dermaflux::input::testing {

inline void expect_bits_equal(double actual, double expected, const char* what) {
  EXPECT_EQ(std::bit_cast<std::uint64_t>(actual), std::bit_cast<std::uint64_t>(expected))
      << what << ": " << actual << " vs " << expected;
}

inline void expect_bits_equal(const std::optional<double>& actual,
                              const std::optional<double>& expected, const char* what) {
  ASSERT_EQ(actual.has_value(), expected.has_value()) << what;
  if (actual) expect_bits_equal(*actual, *expected, what);
}

inline void expect_same_layers(const std::vector<Layer>& actual,
                               const std::vector<Layer>& expected) {
  ASSERT_EQ(actual.size(), expected.size());
  for (std::size_t i = 0; i < actual.size(); ++i) {
    EXPECT_EQ(actual[i].name, expected[i].name);
    expect_bits_equal(actual[i].thickness_m, expected[i].thickness_m, "thickness");
    expect_bits_equal(actual[i].diffusivity_m2_s, expected[i].diffusivity_m2_s, "diffusivity");
    expect_bits_equal(actual[i].partition, expected[i].partition, "partition");
    expect_bits_equal(actual[i].binding, expected[i].binding, "binding");
    expect_bits_equal(actual[i].clearance_1_s, expected[i].clearance_1_s, "clearance");
  }
}

inline void expect_same_serum(const Serum& actual, const Serum& expected, bool compare_presets) {
  if (compare_presets) {
    EXPECT_EQ(actual.preset, expected.preset);
  }
  EXPECT_EQ(actual.active, expected.active);
  expect_bits_equal(actual.molar_mass_kg_mol, expected.molar_mass_kg_mol, "molar mass");
  expect_bits_equal(actual.log_p, expected.log_p, "log_p");
  expect_bits_equal(actual.pka_acid, expected.pka_acid, "pka_acid");
  expect_bits_equal(actual.pka_base, expected.pka_base, "pka_base");
  expect_bits_equal(actual.vehicle_ph, expected.vehicle_ph, "ph");
  expect_bits_equal(actual.concentration_kg_m3, expected.concentration_kg_m3, "concentration");
  EXPECT_EQ(actual.infinite_dose, expected.infinite_dose);
  expect_bits_equal(actual.dose_m, expected.dose_m, "dose");
  expect_bits_equal(actual.diffusivity_m2_s, expected.diffusivity_m2_s, "serum diffusivity");
  ASSERT_EQ(actual.applications.size(), expected.applications.size()) << "applications";
  for (std::size_t i = 0; i < actual.applications.size(); ++i) {
    expect_bits_equal(actual.applications[i].at_s, expected.applications[i].at_s, "applied at");
    expect_bits_equal(actual.applications[i].dose_m, expected.applications[i].dose_m,
                      "application dose");
    expect_bits_equal(actual.applications[i].concentration_kg_m3,
                      expected.applications[i].concentration_kg_m3, "application concentration");
  }
  ASSERT_EQ(actual.remove_at_s.size(), expected.remove_at_s.size()) << "wipe-offs";
  for (std::size_t i = 0; i < actual.remove_at_s.size(); ++i) {
    expect_bits_equal(actual.remove_at_s[i], expected.remove_at_s[i], "wipe-off");
  }
  EXPECT_EQ(actual.occluded, expected.occluded);
  ASSERT_EQ(actual.vehicle.has_value(), expected.vehicle.has_value()) << "vehicle";
  if (actual.vehicle) {
    expect_bits_equal(actual.vehicle->volatile_fraction, expected.vehicle->volatile_fraction,
                      "volatile fraction");
    expect_bits_equal(actual.vehicle->evaporation_rate_m_s, expected.vehicle->evaporation_rate_m_s,
                      "evaporation rate");
    expect_bits_equal(actual.vehicle->solubility_kg_m3, expected.vehicle->solubility_kg_m3,
                      "solubility");
  }
  expect_bits_equal(actual.area_m2, expected.area_m2, "area");
}

inline void expect_same_exposure(const std::optional<Exposure>& actual,
                                 const std::optional<Exposure>& expected) {
  ASSERT_EQ(actual.has_value(), expected.has_value()) << "exposure";
  if (!actual) return;
  expect_bits_equal(actual->body_weight_kg, expected->body_weight_kg, "body weight");
  expect_bits_equal(actual->applications_per_day, expected->applications_per_day,
                    "applications per day");
  expect_bits_equal(actual->noael_kg_kg_s, expected->noael_kg_kg_s, "noael");
}

inline void expect_same_sites(const std::vector<NeedleSite>& actual,
                              const std::vector<NeedleSite>& expected, const char* what) {
  ASSERT_EQ(actual.size(), expected.size()) << what;
  for (std::size_t i = 0; i < actual.size(); ++i) {
    expect_bits_equal(actual[i].x_m, expected[i].x_m, what);
    expect_bits_equal(actual[i].y_m, expected[i].y_m, what);
    expect_bits_equal(actual[i].length_m, expected[i].length_m, what);
    expect_bits_equal(actual[i].base_diameter_m, expected[i].base_diameter_m, what);
  }
}

// The device, a named closure or cartridge and the list file are where the needles
// came from, written as comments only: compared only with the presets.
inline void expect_same_needles(const std::optional<Needles>& actual_or_none,
                                const std::optional<Needles>& expected_or_none,
                                bool compare_presets) {
  ASSERT_EQ(actual_or_none.has_value(), expected_or_none.has_value()) << "needles";
  if (!actual_or_none) return;
  const Needles& actual = *actual_or_none;
  const Needles& expected = *expected_or_none;
  if (compare_presets) {
    EXPECT_EQ(actual.device, expected.device);
    EXPECT_EQ(actual.closure_preset, expected.closure_preset);
    EXPECT_EQ(actual.list_file, expected.list_file);
    EXPECT_EQ(actual.stamp.cartridge_preset, expected.stamp.cartridge_preset);
  }
  EXPECT_EQ(actual.pattern, expected.pattern);
  EXPECT_EQ(actual.shape, expected.shape);
  expect_bits_equal(actual.length_m, expected.length_m, "needle length");
  expect_bits_equal(actual.base_diameter_m, expected.base_diameter_m, "base diameter");
  expect_bits_equal(actual.tip_diameter_m, expected.tip_diameter_m, "tip diameter");
  EXPECT_EQ(actual.channels, expected.channels);
  expect_bits_equal(actual.penetration, expected.penetration, "penetration");
  expect_bits_equal(actual.surface_widening, expected.surface_widening, "surface_widening");
  expect_bits_equal(actual.elastic_recovery, expected.elastic_recovery, "elastic_recovery");
  expect_bits_equal(actual.tissue_fluid_diffusivity_m2_s, expected.tissue_fluid_diffusivity_m2_s,
                    "tissue_fluid_diffusivity");
  expect_bits_equal(actual.closure_half_life_s, expected.closure_half_life_s, "closure");
  expect_bits_equal(actual.pitch_m, expected.pitch_m, "pitch");
  expect_bits_equal(actual.density_per_m2, expected.density_per_m2, "density");
  expect_bits_equal(actual.min_spacing_m, expected.min_spacing_m, "min spacing");
  EXPECT_EQ(actual.seed, expected.seed);
  expect_same_sites(actual.sites, expected.sites, "list sites");
  EXPECT_EQ(actual.roller.needles_per_ring, expected.roller.needles_per_ring);
  EXPECT_EQ(actual.roller.rings, expected.roller.rings);
  expect_bits_equal(actual.roller.ring_spacing_m, expected.roller.ring_spacing_m, "rings");
  expect_bits_equal(actual.roller.drum_diameter_m, expected.roller.drum_diameter_m, "drum");
  ASSERT_EQ(actual.roller.passes.size(), expected.roller.passes.size());
  for (std::size_t i = 0; i < actual.roller.passes.size(); ++i) {
    expect_bits_equal(actual.roller.passes[i].direction_deg,
                      expected.roller.passes[i].direction_deg, "pass direction");
    expect_bits_equal(actual.roller.passes[i].offset_m, expected.roller.passes[i].offset_m,
                      "pass offset");
  }
  expect_same_sites(actual.stamp.cartridge, expected.stamp.cartridge, "cartridge");
  expect_bits_equal(actual.stamp.step_m, expected.stamp.step_m, "stamp step");
  expect_bits_equal(actual.stamp.direction_deg, expected.stamp.direction_deg, "stamp direction");
  expect_bits_equal(actual.stamp.start_x_m, expected.stamp.start_x_m, "stamp start x");
  expect_bits_equal(actual.stamp.start_y_m, expected.stamp.start_y_m, "stamp start y");
  EXPECT_EQ(actual.stamp.stamps, expected.stamp.stamps);
}

inline void expect_same_settings(const Case& actual, const Case& expected) {
  EXPECT_EQ(actual.domain.lateral, expected.domain.lateral);
  EXPECT_EQ(actual.domain.bottom, expected.domain.bottom);
  expect_bits_equal(actual.domain.width_m, expected.domain.width_m, "width");
  expect_bits_equal(actual.domain.length_m, expected.domain.length_m, "length");
  expect_bits_equal(actual.mesh.lateral_spacing_m, expected.mesh.lateral_spacing_m, "spacing");
  EXPECT_EQ(actual.mesh.min_cells_per_layer, expected.mesh.min_cells_per_layer);
  expect_bits_equal(actual.mesh.growth, expected.mesh.growth, "growth");
  expect_bits_equal(actual.mesh.max_vertical_spacing_m, expected.mesh.max_vertical_spacing_m,
                    "max vertical spacing");
  expect_bits_equal(actual.mesh.channel_spacing_m, expected.mesh.channel_spacing_m,
                    "channel spacing");
  expect_bits_equal(actual.time.end_s, expected.time.end_s, "end");
  ASSERT_EQ(actual.time.output_times_s.size(), expected.time.output_times_s.size());
  for (std::size_t i = 0; i < actual.time.output_times_s.size(); ++i) {
    expect_bits_equal(actual.time.output_times_s[i], expected.time.output_times_s[i], "output");
  }
  expect_bits_equal(actual.time.tolerance, expected.time.tolerance, "tolerance");
  expect_bits_equal(actual.time.initial_step_s, expected.time.initial_step_s, "initial step");
  expect_bits_equal(actual.time.max_step_s, expected.time.max_step_s, "max step");
  EXPECT_EQ(actual.time.variable_order, expected.time.variable_order);
  expect_bits_equal(actual.solver.linear_tolerance, expected.solver.linear_tolerance,
                    "linear tolerance");
  EXPECT_EQ(actual.solver.max_iterations, expected.solver.max_iterations);
  EXPECT_EQ(actual.solver.backend, expected.solver.backend);
  EXPECT_EQ(actual.output.directory, expected.output.directory);
  EXPECT_EQ(actual.output.vtk, expected.output.vtk);
}

inline void expect_same_case(const Case& actual, const Case& expected, bool compare_presets) {
  EXPECT_EQ(actual.name, expected.name);
  if (compare_presets) {
    EXPECT_EQ(actual.skin_preset, expected.skin_preset);
  }
  expect_same_layers(actual.layers, expected.layers);
  expect_same_serum(actual.serum, expected.serum, compare_presets);
  expect_same_exposure(actual.exposure, expected.exposure);
  expect_same_needles(actual.needles, expected.needles, compare_presets);
  expect_same_settings(actual, expected);
}

}  // namespace dermaflux::input::testing
