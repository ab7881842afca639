// The resolved case's needles section reads back as the same needles, bit for bit,
// without the device preset or the CSV file it came from.

#include <gtest/gtest.h>

#include "input/CaseEquality.hpp"
#include "input/CaseWriter.hpp"
#include "input/NeedleTestSupport.hpp"
#include "meshes/sites/NeedleSites.hpp"

namespace dermaflux::input {
namespace {

using testing::expect_same_case;
using testing::read_test_case;
using testing::with_needles;

const std::string kPatch = "domain: {lateral: no_flux, width: 2 mm, length: 2 mm}\n";

// Written, then read from a folder with no presets and no needle lists.
Case round_trip(const Case& original) {
  return read_case_text(write_case_yaml(original), "resolved.yaml", "/nonexistent");
}

bool contains(const std::string& text, const std::string& fragment) {
  return text.find(fragment) != std::string::npos;
}

void expect_round_trip(const std::string& text) {
  SCOPED_TRACE(text);
  // Arrange
  const Case original = read_test_case(text);
  // Act
  const Case again = round_trip(original);
  // Assert
  expect_same_case(again, original, false);
  testing::expect_bits_equal(again.domain.width_m, original.domain.width_m, "width");
  if (::testing::Test::HasFailure()) ADD_FAILURE() << write_case_yaml(original);
}

TEST(NeedlesWriter, SquareAndHexRoundTrip) {
  expect_round_trip(with_needles(testing::kSquareNeedles));
  expect_round_trip(with_needles(
      "needles: {pattern: hex, pitch: 433 um, length: 0.61 mm, base_diameter: 190 um,"
      " shape: pyramid, tip_diameter: 3.3 um, penetration: 0.37, closure_half_life: 17 h}\n"
      "domain: {width: 866 um}\nmesh: {channel_spacing: 2.7 um}\n"));
}

TEST(NeedlesWriter, DeviceAndNamedClosureAreExpanded) {
  // Arrange
  const Case original = read_test_case(with_needles("needles:\n  device: test_square\n"));
  // Act
  const std::string written = write_case_yaml(original);
  const Case again = round_trip(original);
  // Assert
  EXPECT_TRUE(contains(written, "# expanded from device test_square")) << written;
  EXPECT_TRUE(contains(written, "closure_half_life: 82800 s  # 23 h, occluded")) << written;
  EXPECT_FALSE(contains(written, "device:")) << written;
  EXPECT_EQ(again.needles->device, "");
  EXPECT_EQ(again.needles->closure_preset, "");
  expect_same_case(again, original, false);
}

TEST(NeedlesWriter, CylinderAndOpenChannels) {
  // Arrange
  const Case original =
      read_test_case(with_needles(testing::kSquareNeedles + "  shape: cylinder\n"));
  // Act
  const std::string written = write_case_yaml(original);
  // Assert
  EXPECT_FALSE(contains(written, "tip_diameter")) << written;
  EXPECT_TRUE(contains(written, "closure_half_life: none")) << written;
  EXPECT_TRUE(contains(written, "channel_spacing: auto")) << written;
  expect_same_case(round_trip(original), original, false);
}

TEST(NeedlesWriter, RandomRoundTripsToTheSameHoles) {
  // Arrange
  const Case original = read_test_case(with_needles(
      "needles:\n  pattern: random\n  density: 123 1/cm^2\n  min_spacing: 70 um\n  seed: 9\n"
      "  length: 500 um\n  base_diameter: 200 um\n" +
      kPatch));
  // Act
  const Case again = round_trip(original);
  // Assert
  expect_same_case(again, original, false);
  const mesh::SitesResult before =
      mesh::needle_sites(*original.needles, needle_area(original.domain));
  const mesh::SitesResult after = mesh::needle_sites(*again.needles, needle_area(again.domain));
  testing::expect_same_sites(after.sites, before.sites, "random holes");
}

TEST(NeedlesWriter, ListIsWrittenAsSitesWithoutTheCsv) {
  // Arrange
  const Case original = read_test_case(
      with_needles("needles:\n  pattern: list\n  file: needles/three.csv\n  length: 500 um\n"
                   "  base_diameter: 200 um\n" +
                   kPatch));
  // Act
  const std::string written = write_case_yaml(original);
  const Case again = round_trip(original);
  // Assert
  EXPECT_TRUE(contains(written, "sites:  # read from ")) << written;
  EXPECT_FALSE(contains(written, "file:")) << written;
  EXPECT_TRUE(again.needles->list_file.empty());
  expect_same_case(again, original, false);
}

TEST(NeedlesWriter, RollerAndStampRoundTrip) {
  expect_round_trip(with_needles(
      "needles:\n  device: roller_192_1.0mm\n"
      "  passes: [{direction: 0}, {direction: 90, offset: 0.3 mm}, {direction: 33.3}]\n" +
      kPatch));
  expect_round_trip(with_needles("needles:\n  device: pen_12pin\n" + kPatch));
  expect_round_trip(with_needles("needles:\n  device: stamp\n" +
                                 std::string("domain: {lateral: periodic, width: 7 mm, "
                                             "length: 9 mm}\n")));
  expect_round_trip(with_needles(
      "needles:\n  pattern: stamp\n  cartridge: [{x: -0.1 mm, y: 0.2 mm}]\n  stamps: 4\n"
      "  step: 0.37 mm\n  direction: -60\n  start: {x: 0.3 mm, y: 1.9 mm}\n"
      "  length: 500 um\n  base_diameter: 200 um\n" +
      kPatch));
}

}  // namespace
}  // namespace dermaflux::input
