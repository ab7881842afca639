// Valid needles sections: every pattern's keys in SI, the defaults, device presets
// merged and overridden, the domain sized by the pattern.

#include <gtest/gtest.h>

#include <cmath>

#include "input/NeedleTestSupport.hpp"
#include "input/needles/NeedleDefaults.hpp"
#include "meshes/sites/NeedleSites.hpp"

namespace dermaflux::input {
namespace {

using testing::kSquareNeedles;
using testing::read_test_case;
using testing::with_needles;

const std::string kPatch = "domain: {lateral: no_flux, width: 2 mm, length: 2 mm}\n";

TEST(NeedlesReader, SquareWithEveryDefault) {
  // Act
  const Case result = read_test_case(with_needles(kSquareNeedles));
  // Assert
  ASSERT_TRUE(result.needles.has_value());
  const Needles& needles = *result.needles;
  EXPECT_EQ(needles.device, "");
  EXPECT_EQ(needles.pattern, NeedlePattern::Square);
  EXPECT_EQ(needles.shape, NeedleShape::Cone);
  EXPECT_EQ(needles.pitch_m, 500e-6);
  EXPECT_EQ(needles.length_m, 500e-6);
  EXPECT_EQ(needles.base_diameter_m, 200e-6);
  EXPECT_EQ(needles.tip_diameter_m, 5e-6);  // default for cones and pyramids
  // Channels as measured: an array is pressed in (Donnelly 2010) and the skin takes
  // back the calibrated part of its radius (docs/validation/CALIBRATION.md).
  EXPECT_EQ(needles.channels, ChannelModel::Measured);
  EXPECT_EQ(needles.penetration, kPressedPenetration);
  EXPECT_EQ(needles.elastic_recovery, kCalibratedElasticRecovery);
  EXPECT_EQ(needles.surface_widening, 1.0);
  EXPECT_FALSE(needles.closure_half_life_s.has_value());
  EXPECT_EQ(needles.closure_preset, "");
  // The periodic domain defaults to one period.
  EXPECT_EQ(result.domain.width_m, 500e-6);
  EXPECT_EQ(result.domain.length_m, 500e-6);
  EXPECT_EQ(result.mesh.channel_spacing_m, 0.0);  // automatic
}

TEST(NeedlesReader, WithoutNeedlesTheDomainStaysOneColumn) {
  const Case result = read_test_case(testing::kValidCase);
  EXPECT_FALSE(result.needles.has_value());
  EXPECT_EQ(result.domain.width_m, 10e-6);
}

TEST(NeedlesReader, HexDomainDefaultsToOnePeriod) {
  // Act
  const Case result =
      read_test_case(with_needles("needles:\n  pattern: hex\n  pitch: 400 um\n  length: 500 um\n"
                                  "  base_diameter: 200 um\n"));
  // Assert: one period is pitch x pitch sqrt(3)
  EXPECT_EQ(result.needles->pattern, NeedlePattern::Hex);
  EXPECT_EQ(result.domain.width_m, 400e-6);
  EXPECT_EQ(result.domain.length_m, std::sqrt(3.0) * 400e-6);
}

TEST(NeedlesReader, PeriodicDomainOfWholePeriodsIsKept) {
  // Arrange: 2 x 1 square periods; 866.025404 um is one hex period of 500 um to 1e-9
  const std::string square = with_needles(kSquareNeedles + "domain: {width: 1 mm}\n");
  const std::string hex = with_needles(
      "needles: {pattern: hex, pitch: 500 um, length: 500 um, base_diameter: 200 um}\n"
      "domain: {width: 1 mm, length: 866.025404 um}\n");
  // Act
  const Case square_case = read_test_case(square);
  const Case hex_case = read_test_case(hex);
  // Assert
  EXPECT_EQ(square_case.domain.width_m, 1e-3);
  EXPECT_EQ(square_case.domain.length_m, 500e-6);  // not given: one period
  EXPECT_EQ(hex_case.domain.length_m, 866.025404e-6);
}

TEST(NeedlesReader, NoFluxPatchMayHaveAnySize) {
  const Case result = read_test_case(
      with_needles(kSquareNeedles + "domain: {lateral: no_flux, width: 1.3 mm, length: 0.7 mm}\n"));
  EXPECT_EQ(result.domain.width_m, 1.3e-3);
  EXPECT_EQ(result.domain.length_m, 0.7e-3);
}

TEST(NeedlesReader, ShapesPenetrationAndTip) {
  // Act
  const Case pyramid = read_test_case(
      with_needles(kSquareNeedles + "  shape: pyramid\n  tip_diameter: 0 um\n  penetration: 1\n"));
  const Case cylinder =
      read_test_case(with_needles(kSquareNeedles + "  shape: cylinder\n  penetration: 0.35\n"));
  // Assert
  EXPECT_EQ(pyramid.needles->shape, NeedleShape::Pyramid);
  EXPECT_EQ(pyramid.needles->tip_diameter_m, 0.0);
  EXPECT_EQ(pyramid.needles->penetration, 1.0);
  EXPECT_EQ(cylinder.needles->shape, NeedleShape::Cylinder);
  EXPECT_EQ(cylinder.needles->tip_diameter_m, 0.0);  // a cylinder has no tip
  EXPECT_EQ(cylinder.needles->penetration, 0.35);
}

TEST(NeedlesReader, ClosureHalfLives) {
  const auto closure = [](const std::string& value) {
    return *read_test_case(with_needles(kSquareNeedles + "  closure_half_life: " + value + "\n"))
                .needles;
  };
  EXPECT_FALSE(closure("none").closure_half_life_s.has_value());
  EXPECT_EQ(closure("4 h").closure_half_life_s, 14400.0);
  EXPECT_EQ(closure("0 h").closure_half_life_s, 0.0);  // closes at once
  // Middles of 20-26 h and 2-5 h (Gupta et al. 2011; Kalluri et al. 2011)
  EXPECT_EQ(closure("occluded").closure_half_life_s, 23.0 * 3600.0);
  EXPECT_EQ(closure("occluded").closure_preset, "occluded");
  EXPECT_EQ(closure("non_occluded").closure_half_life_s, 3.5 * 3600.0);
  EXPECT_EQ(closure("non_occluded").closure_preset, "non_occluded");
  EXPECT_EQ(closure("4 h").closure_preset, "");
}

TEST(NeedlesReader, RandomPattern) {
  // Act
  const Case defaults = read_test_case(
      with_needles("needles:\n  pattern: random\n  density: 200 1/cm^2\n  length: 500 um\n"
                   "  base_diameter: 200 um\n" +
                   kPatch));
  const Case given = read_test_case(with_needles(
      "needles:\n  pattern: random\n  density: 2 1/mm^2\n  min_spacing: 150 um\n  seed: 77\n"
      "  length: 500 um\n  base_diameter: 200 um\n" +
      kPatch));
  // Assert
  EXPECT_EQ(defaults.needles->density_per_m2, 2e6);
  EXPECT_EQ(defaults.needles->min_spacing_m, 0.0);
  EXPECT_EQ(defaults.needles->seed, 1u);
  EXPECT_EQ(given.needles->density_per_m2, 2e6);
  EXPECT_EQ(given.needles->min_spacing_m, 150e-6);
  EXPECT_EQ(given.needles->seed, 77u);
}

TEST(NeedlesReader, ListFromACsvFileWithOverrides) {
  // Act: the CSV has comments, a blank line, padded fields and empty override fields
  const Case result = read_test_case(
      with_needles("needles:\n  pattern: list\n  file: needles/three.csv\n  length: 500 um\n"
                   "  base_diameter: 200 um\n" +
                   kPatch));
  // Assert
  const Needles& needles = *result.needles;
  EXPECT_EQ(needles.list_file, testing::test_cases_dir() / "needles/three.csv");
  ASSERT_EQ(needles.sites.size(), 3u);
  EXPECT_EQ(needles.sites[0].x_m, 250e-6);
  EXPECT_EQ(needles.sites[0].y_m, 250e-6);
  EXPECT_FALSE(needles.sites[0].length_m.has_value());
  EXPECT_FALSE(needles.sites[0].base_diameter_m.has_value());
  EXPECT_EQ(needles.sites[1].x_m, 750e-6);
  EXPECT_EQ(needles.sites[1].length_m, 1000e-6);
  EXPECT_FALSE(needles.sites[1].base_diameter_m.has_value());
  EXPECT_EQ(needles.sites[2].y_m, 750e-6);
  EXPECT_EQ(needles.sites[2].base_diameter_m, 300e-6);
}

TEST(NeedlesReader, ListFileBesideACaseOnDisk) {
  const Case result = read_case(testing::test_cases_dir() / "needle_list.yaml");
  ASSERT_TRUE(result.needles.has_value());
  EXPECT_EQ(result.needles->sites.size(), 3u);
}

TEST(NeedlesReader, ListFromExplicitSites) {
  const Case result = read_test_case(
      with_needles("needles:\n  pattern: list\n  length: 500 um\n  base_diameter: 200 um\n"
                   "  sites:\n    - {x: 0.1 mm, y: 0.2 mm}\n"
                   "    - {x: 1 mm, y: 1.5 mm, length: 700 um, base_diameter: 250 um}\n" +
                   kPatch));
  const Needles& needles = *result.needles;
  EXPECT_TRUE(needles.list_file.empty());
  ASSERT_EQ(needles.sites.size(), 2u);
  EXPECT_EQ(needles.sites[0].x_m, 0.1e-3);
  EXPECT_EQ(needles.sites[1].y_m, 1.5e-3);
  EXPECT_EQ(needles.sites[1].length_m, 700e-6);
  EXPECT_EQ(needles.sites[1].base_diameter_m, 250e-6);
}

TEST(NeedlesReader, RollerWithItsDefaultPass) {
  const Case result = read_test_case(with_needles(
      "needles:\n  pattern: roller\n  needles_per_ring: 8\n  rings: 24\n  ring_spacing: 833 um\n"
      "  drum_diameter: 20 mm\n  length: 500 um\n  base_diameter: 100 um\n" +
      kPatch));
  const RollerSpec& roller = result.needles->roller;
  EXPECT_EQ(roller.needles_per_ring, 8);
  EXPECT_EQ(roller.rings, 24);
  EXPECT_EQ(roller.ring_spacing_m, 833e-6);
  EXPECT_EQ(roller.drum_diameter_m, 20e-3);
  ASSERT_EQ(roller.passes.size(), 1u);  // once along +x through the centre
  EXPECT_EQ(roller.passes[0].direction_deg, 0.0);
  EXPECT_EQ(roller.passes[0].offset_m, 0.0);
}

TEST(NeedlesReader, RollerPasses) {
  const Case result = read_test_case(with_needles(
      "needles:\n  pattern: roller\n  needles_per_ring: 8\n  rings: 1\n  drum_diameter: 2 mm\n"
      "  length: 500 um\n  base_diameter: 100 um\n"
      "  passes: [{direction: 90, offset: -0.25 mm}, {direction: 45}]\n" +
      kPatch));
  const RollerSpec& roller = result.needles->roller;
  EXPECT_EQ(roller.ring_spacing_m, 0.0);  // one ring needs no spacing
  ASSERT_EQ(roller.passes.size(), 2u);
  EXPECT_EQ(roller.passes[0].direction_deg, 90.0);
  EXPECT_EQ(roller.passes[0].offset_m, -0.25e-3);
  EXPECT_EQ(roller.passes[1].direction_deg, 45.0);
  EXPECT_EQ(roller.passes[1].offset_m, 0.0);
}

TEST(NeedlesReader, StampWithANamedCartridgeIsCentredByDefault) {
  // Act
  const Case result = read_test_case(
      with_needles("needles:\n  pattern: stamp\n  cartridge: 36\n  step: 100 um\n  stamps: 5\n"
                   "  length: 500 um\n  base_diameter: 200 um\n" +
                   kPatch));
  // Assert
  const StampSpec& stamp = result.needles->stamp;
  EXPECT_EQ(stamp.cartridge_preset, "36");
  ASSERT_EQ(stamp.cartridge.size(), 36u);
  EXPECT_NEAR(stamp.cartridge.front().x_m, -0.75e-3, 1e-15);  // 6 x 6 at 0.3 mm
  EXPECT_NEAR(stamp.cartridge.back().y_m, 0.75e-3, 1e-15);
  EXPECT_EQ(stamp.direction_deg, 0.0);
  EXPECT_EQ(stamp.stamps, 5);
  // The 0.4 mm path is centred on the 2 mm patch.
  EXPECT_NEAR(stamp.start_x_m, 0.8e-3, 1e-15);
  EXPECT_NEAR(stamp.start_y_m, 1.0e-3, 1e-15);
}

TEST(NeedlesReader, StampWithItsOwnCartridgeAndStart) {
  const Case result = read_test_case(with_needles(
      "needles:\n  pattern: stamp\n  cartridge: [{x: 0 um, y: 0 um}, {x: 100 um, y: -50 um}]\n"
      "  start: {x: 0.5 mm, y: 0.6 mm}\n  direction: 30\n"
      "  length: 500 um\n  base_diameter: 50 um\n" +
      kPatch));
  const StampSpec& stamp = result.needles->stamp;
  EXPECT_EQ(stamp.cartridge_preset, "");
  ASSERT_EQ(stamp.cartridge.size(), 2u);
  EXPECT_EQ(stamp.cartridge[1].y_m, -50e-6);
  EXPECT_EQ(stamp.start_x_m, 0.5e-3);
  EXPECT_EQ(stamp.start_y_m, 0.6e-3);
  EXPECT_EQ(stamp.direction_deg, 30.0);
  EXPECT_EQ(stamp.stamps, 1);
  EXPECT_EQ(stamp.step_m, 0.0);
}

TEST(NeedlesReader, TwelvePinCartridgeFitsInTwoMillimetres) {
  const Case result = read_test_case(with_needles(
      "needles: {pattern: stamp, cartridge: 12, length: 500 um, base_diameter: 200 um}\n" +
      kPatch));
  const StampSpec& stamp = result.needles->stamp;
  ASSERT_EQ(stamp.cartridge.size(), 12u);
  for (const NeedleSite& needle : stamp.cartridge) {
    EXPECT_LE(std::hypot(needle.x_m, needle.y_m), 1e-3);
  }
}

TEST(NeedlesReader, DeviceGivesTheNeedlesAndTheCaseOverrides) {
  // Act: tests/data/cases/devices/test_square.yaml
  const Case device_only = read_test_case(with_needles("needles:\n  device: test_square\n"));
  const Case overridden = read_test_case(
      with_needles("needles:\n  device: test_square\n  length: 700 um\n  closure_half_life: none\n"
                   "  pitch: 250 um\n"));
  // Assert
  const Needles& device = *device_only.needles;
  EXPECT_EQ(device.device, "test_square");
  EXPECT_EQ(device.pattern, NeedlePattern::Square);
  EXPECT_EQ(device.shape, NeedleShape::Pyramid);
  EXPECT_EQ(device.length_m, 600e-6);
  EXPECT_EQ(device.tip_diameter_m, 10e-6);
  EXPECT_EQ(device.penetration, 0.5);
  EXPECT_EQ(device.closure_preset, "occluded");
  EXPECT_EQ(device_only.domain.width_m, 500e-6);
  const Needles& mine = *overridden.needles;
  EXPECT_EQ(mine.length_m, 700e-6);
  EXPECT_EQ(mine.pitch_m, 250e-6);
  EXPECT_FALSE(mine.closure_half_life_s.has_value());
  EXPECT_EQ(mine.shape, NeedleShape::Pyramid);  // still the device's
  EXPECT_EQ(overridden.domain.width_m, 250e-6);
}

TEST(NeedlesReader, ChoosingAnotherPatternKeepsOnlyTheDevicesNeedles) {
  // Act: a derma-roller's needles in a square array
  const Case result = read_test_case(
      with_needles("needles:\n  device: roller_192_0.5mm\n  pattern: square\n  pitch: 1 mm\n"));
  // Assert
  const Needles& needles = *result.needles;
  EXPECT_EQ(needles.pattern, NeedlePattern::Square);
  EXPECT_EQ(needles.length_m, 500e-6);
  EXPECT_EQ(needles.base_diameter_m, 100e-6);
  EXPECT_EQ(needles.roller.rings, 0);  // the roller keys were dropped
}

TEST(NeedlesReader, ChoosingACylinderDropsTheDevicesTip) {
  const Case result =
      read_test_case(with_needles("needles:\n  device: test_square\n  shape: cylinder\n"));
  EXPECT_EQ(result.needles->shape, NeedleShape::Cylinder);
  EXPECT_EQ(result.needles->tip_diameter_m, 0.0);
}

TEST(NeedlesReader, EveryShippedDeviceReadsAndLeavesHoles) {
  for (const auto& entry : std::filesystem::directory_iterator(project_cases_dir() / "devices")) {
    // Arrange
    const std::string name = entry.path().stem().string();
    SCOPED_TRACE(name);
    // Act
    const Case result =
        read_test_case(with_needles("needles:\n  device: " + name + "\n" +
                                    "domain: {lateral: no_flux, width: 8 mm, length: 8 mm}\n"));
    // Assert
    ASSERT_TRUE(result.needles.has_value());
    EXPECT_EQ(result.needles->device, name);
    EXPECT_FALSE(mesh::needle_sites(*result.needles, needle_area(result.domain)).sites.empty());
  }
}

TEST(NeedlesReader, ChannelSpacing) {
  EXPECT_EQ(read_test_case(testing::kValidCase + "mesh: {channel_spacing: 2.5 um}\n")
                .mesh.channel_spacing_m,
            2.5e-6);
  EXPECT_EQ(read_test_case(testing::kValidCase + "mesh: {channel_spacing: auto}\n")
                .mesh.channel_spacing_m,
            0.0);
}

}  // namespace
}  // namespace dermaflux::input
