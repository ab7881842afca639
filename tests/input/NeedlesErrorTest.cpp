// Needles sections that are wrong: each error names the file, line and column, the
// key path, what was expected and what was found.

#include <gtest/gtest.h>

#include "input/NeedleTestSupport.hpp"

namespace dermaflux::input {
namespace {

using testing::expect_input_error;
using testing::kSquareNeedles;
using testing::replace_line;
using testing::with_needles;

const std::string kPatch = "domain: {lateral: no_flux, width: 1 mm, length: 1 mm}\n";

// The square section with its 1-based line `line` (19..23) replaced.
std::string square_with(int line, const std::string& replacement) {
  return replace_line(with_needles(kSquareNeedles), line, replacement);
}

TEST(NeedlesErrors, UnknownPatternWithSuggestion) {
  expect_input_error(square_with(20, "  pattern: hexa"), "case.yaml:20:12", "needles.pattern",
                     {"expected square, hex, random, roller, stamp or list", "found \"hexa\"",
                      "did you mean \"hex\"?"});
}

TEST(NeedlesErrors, UnknownShapeWithSuggestion) {
  expect_input_error(
      with_needles(kSquareNeedles + "  shape: cones\n"), "case.yaml:24:10", "needles.shape",
      {"expected cone, pyramid or cylinder", "found \"cones\"", "did you mean \"cone\"?"});
}

TEST(NeedlesErrors, MissingPattern) {
  expect_input_error(
      square_with(20, "  shape: cone"), "case.yaml:20:3", "needles.pattern",
      {"expected square, hex", "found no \"pattern\" key", "add \"pattern:\" to the needles"});
}

TEST(NeedlesErrors, MissingLength) {
  expect_input_error(square_with(22, "  shape: cone"), "case.yaml:20:3", "needles.length",
                     {"expected a positive length", "found no \"length\" key"});
}

TEST(NeedlesErrors, KeyOfAnotherPattern) {
  expect_input_error(
      with_needles("needles:\n  pattern: random\n  density: 100 1/cm^2\n  pitch: 500 um\n"
                   "  length: 500 um\n  base_diameter: 200 um\n" +
                   kPatch),
      "case.yaml:22:3", "needles.pitch",
      {"expected a key of pattern random (density, operation, min_spacing and seed) or a key every "
       "pattern takes",
       "found \"pitch\", which belongs to pattern square or hex",
       "remove it, or set pattern: square"});
}

TEST(NeedlesErrors, TipWiderThanBase) {
  expect_input_error(
      with_needles(kSquareNeedles + "  tip_diameter: 250 um\n"), "case.yaml:24:17",
      "needles.tip_diameter",
      {"expected a tip diameter of at most the base diameter (200 um)", "found \"250 um\""});
}

TEST(NeedlesErrors, BaseNarrowerThanTheDefaultTip) {
  expect_input_error(square_with(23, "  base_diameter: 3 um"), "case.yaml:23:18",
                     "needles.base_diameter",
                     {"expected a base diameter of at least the tip diameter (5 um, the default)",
                      "found \"3 um\""});
}

TEST(NeedlesErrors, TipOfACylinder) {
  expect_input_error(with_needles(kSquareNeedles + "  shape: cylinder\n  tip_diameter: 5 um\n"),
                     "case.yaml:25:17", "needles.tip_diameter",
                     {"expected no tip_diameter for a cylinder", "found \"5 um\""});
}

TEST(NeedlesErrors, PenetrationOutsideZeroToOne) {
  for (const std::string value : {"0", "1.5", "-0.2"}) {
    expect_input_error(with_needles(kSquareNeedles + "  penetration: " + value + "\n"),
                       "case.yaml:24:16", "needles.penetration",
                       {"expected a fraction above 0 and at most 1", "found \"" + value + "\""});
  }
}

TEST(NeedlesErrors, PitchSmallerThanTheBase) {
  expect_input_error(square_with(21, "  pitch: 150 um"), "case.yaml:21:10", "needles.pitch",
                     {"expected a pitch of at least the base diameter (200 um)", "found \"150 um\"",
                      "neighbouring needles would overlap"});
}

TEST(NeedlesErrors, ChannelDeeperThanTheSkin) {
  // 2 mm x 0.7 = 1400 um; the skin is 15 + 1200 um; the dermis must exceed 1385 um.
  expect_input_error(square_with(22, "  length: 2 mm\n  penetration: 0.7"), "case.yaml:22:11",
                     "needles.length",
                     {"found \"2 mm\": needles.length \u00D7 penetration = 1400 um reaches below "
                      "the skin (total thickness 1215 um)",
                      "make the dermis at least 1386 um thick"});
}

TEST(NeedlesErrors, ClosureWordNearMiss) {
  expect_input_error(with_needles(kSquareNeedles + "  closure_half_life: occludded\n"),
                     "case.yaml:24:22", "needles.closure_half_life",
                     {"expected a non-negative time such as \"24 h\", or none, excised, occluded, "
                      "non_occluded or auto",
                      "found \"occludded\"", "did you mean \"occluded\"?"});
}

TEST(NeedlesErrors, NegativeClosure) {
  expect_input_error(with_needles(kSquareNeedles + "  closure_half_life: -2 h\n"),
                     "case.yaml:24:22", "needles.closure_half_life",
                     {"found \"-2 h\"", "must not be negative"});
}

TEST(NeedlesErrors, PeriodicWidthThatIsNotWholePeriods) {
  expect_input_error(with_needles(kSquareNeedles + "domain:\n  width: 1200 um\n"),
                     "case.yaml:25:10", "domain.width",
                     {"expected a whole number of square periods (500 um in x)",
                      "found \"1200 um\"", "the nearest valid widths are 1000 um and 1500 um"});
}

TEST(NeedlesErrors, PeriodicHexLengthThatIsNotWholePeriods) {
  expect_input_error(
      with_needles("needles: {pattern: hex, pitch: 500 um, length: 500 um, base_diameter: 200 um}\n"
                   "domain: {length: 866 um}\n"),
      "case.yaml:20:18", "domain.length",
      {"expected a whole number of hex periods (866.025404 um in y)",
       "the nearest valid lengths are 866.025404 um and 1732.05081 um"});
}

TEST(NeedlesErrors, RandomDensityGivingNoNeedle) {
  expect_input_error(
      with_needles("needles:\n  pattern: random\n  density: 10 1/cm^2\n  length: 500 um\n"
                   "  base_diameter: 200 um\n" +
                   kPatch),
      "case.yaml:21:12", "needles.density",
      {"expected a density giving at least one needle in the 1000 um \u00D7 1000 um domain",
       "found \"10 1/cm^2\"", "density \u00D7 area = 0.1 needles",
       "raise the density to at least 50 1/cm^2"});
}

TEST(NeedlesErrors, RandomWithoutADomainSize) {
  expect_input_error(
      with_needles("needles:\n  pattern: random\n  density: 100 1/cm^2\n  length: 500 um\n"
                   "  base_diameter: 200 um\n"),
      "case.yaml:19:1", "domain.width",
      {"expected the domain's width and length: a random pattern has no period",
       "found no domain.width"});
}

TEST(NeedlesErrors, RandomMinSpacingBeyondJamming) {
  // 100 needles with 150 um exclusion discs would cover 177 % of 1 mm^2.
  expect_input_error(
      with_needles("needles:\n  pattern: random\n  density: 100 1/mm^2\n  min_spacing: 150 um\n"
                   "  length: 500 um\n  base_diameter: 100 um\n" +
                   kPatch),
      "case.yaml:22:16", "needles.min_spacing",
      {"expected a min_spacing that leaves room for 100 needles", "found \"150 um\"",
       "above the 54.7 % at which random packing jams"});
}

TEST(NeedlesErrors, RandomMinSpacingThatRandomPlacementCannotFill) {
  // Below the jamming cover (53 %), but too close to it for the bounded number of draws.
  expect_input_error(
      with_needles("needles:\n  pattern: random\n  density: 3000 1/mm^2\n  min_spacing: 15 um\n"
                   "  length: 50 um\n  base_diameter: 10 um\n" +
                   kPatch),
      "case.yaml:22:16", "needles.min_spacing",
      {"expected a min_spacing that leaves room for 3000 needles",
       "fitted before random "
       "placement gave up"});
}

TEST(NeedlesErrors, NegativeSeed) {
  expect_input_error(with_needles("needles:\n  pattern: random\n  density: 100 1/cm^2\n  seed: -3\n"
                                  "  length: 500 um\n  base_diameter: 200 um\n" +
                                  kPatch),
                     "case.yaml:22:9", "needles.seed",
                     {"expected a whole number of 0 or more", "found \"-3\""});
}

TEST(NeedlesErrors, DensityWithTheWrongUnit) {
  expect_input_error(
      with_needles("needles:\n  pattern: random\n  density: 100 cm^2\n  length: 500 um\n"
                   "  base_diameter: 200 um\n" +
                   kPatch),
      "case.yaml:21:12", "needles.density",
      {"expected a positive number per area such as \"200 1/cm^2\"",
       "'100 cm^2' is an area, not a number per area"});
}

TEST(NeedlesErrors, ListWithBothFileAndSites) {
  expect_input_error(
      with_needles("needles:\n  pattern: list\n  file: needles/three.csv\n"
                   "  sites: [{x: 1 um, y: 1 um}]\n  length: 500 um\n  base_diameter: 200 um\n" +
                   kPatch),
      "case.yaml:22:3", "needles.sites",
      {"expected either file or sites, not both", "file is on line 21"});
}

TEST(NeedlesErrors, ListSiteOutsideThePatch) {
  expect_input_error(
      with_needles("needles:\n  pattern: list\n  length: 500 um\n  base_diameter: 200 um\n"
                   "  sites:\n    - {x: 100 um, y: 100 um}\n    - {x: 1.2 mm, y: 100 um}\n" +
                   kPatch),
      "case.yaml:25:7", "needles.sites[1]",
      {"expected a needle inside the patch (x from 0 to 1000 um, y from 0 to 1000 um)",
       "found x = 1200 um, y = 100 um"});
}

TEST(NeedlesErrors, RollerWithoutRingSpacing) {
  expect_input_error(
      with_needles("needles:\n  pattern: roller\n  needles_per_ring: 8\n  rings: 24\n"
                   "  drum_diameter: 20 mm\n  length: 500 um\n  base_diameter: 100 um\n" +
                   kPatch),
      "case.yaml:20:3", "needles.ring_spacing", {"found no \"ring_spacing\" key"});
}

TEST(NeedlesErrors, RollerCountOutOfRange) {
  expect_input_error(
      with_needles("needles:\n  pattern: roller\n  needles_per_ring: 0\n  rings: 1\n"
                   "  drum_diameter: 20 mm\n  length: 500 um\n  base_diameter: 100 um\n" +
                   kPatch),
      "case.yaml:21:21", "needles.needles_per_ring",
      {"expected a whole number from 1 to 10000 such as 8", "found \"0\""});
}

TEST(NeedlesErrors, RollerPassWithAnUnknownKey) {
  expect_input_error(
      with_needles("needles:\n  pattern: roller\n  needles_per_ring: 8\n  rings: 1\n"
                   "  drum_diameter: 20 mm\n  length: 500 um\n  base_diameter: 100 um\n"
                   "  passes: [{direction: 90, ofset: 1 mm}]\n" +
                   kPatch),
      "case.yaml:26:28", "needles.passes[0].ofset", {"did you mean \"offset\"?"});
}

TEST(NeedlesErrors, RollerThatMissesThePatch) {
  expect_input_error(
      with_needles("needles:\n  pattern: roller\n  needles_per_ring: 8\n  rings: 1\n"
                   "  drum_diameter: 20 mm\n  length: 500 um\n  base_diameter: 100 um\n"
                   "  passes: [{offset: 3 mm}]\n" +
                   kPatch),
      "case.yaml:20:12", "needles.pattern",
      {"expected a pattern that puts at least one needle in the domain",
       "found none of its needles in the 1000 um \u00D7 1000 um domain", "check the passes"});
}

TEST(NeedlesErrors, UnknownCartridge) {
  expect_input_error(
      with_needles("needles:\n  pattern: stamp\n  cartridge: 24\n  length: 500 um\n"
                   "  base_diameter: 100 um\n" +
                   kPatch),
      "case.yaml:21:14", "needles.cartridge",
      {"expected 12 or 36 (a named pen cartridge), or a list of needle positions", "found \"24\""});
}

TEST(NeedlesErrors, StampsWithoutAStep) {
  expect_input_error(
      with_needles("needles:\n  pattern: stamp\n  cartridge: 12\n  stamps: 3\n  length: 500 um\n"
                   "  base_diameter: 100 um\n" +
                   kPatch),
      "case.yaml:20:3", "needles.step", {"found no \"step\" key"});
}

TEST(NeedlesErrors, TooManyNeedles) {
  expect_input_error(
      with_needles("needles: {pattern: square, pitch: 1 um, length: 5 um, base_diameter: 1 um,"
                   " tip_diameter: 0 um}\n"
                   "domain: {width: 2 mm, length: 2 mm}\n"),
      "case.yaml:19:20", "needles.pattern",
      {"expected a pattern of at most 1000000 needles in the domain", "found \"square\""});
}

TEST(NeedlesErrors, UnknownDeviceListsTheDevices) {
  expect_input_error(with_needles("needles:\n  device: roller_192_0.5\n"), "case.yaml:20:11",
                     "needles.device",
                     {"expected the name of a preset in devices/", "roller_192_0.5mm",
                      "test_square", "found \"roller_192_0.5\""});
}

TEST(NeedlesErrors, DeviceWithAKeyOfAnotherPattern) {
  const std::string device = (testing::test_cases_dir() / "devices" / "mixed_keys.yaml").string();
  expect_input_error(with_needles("needles:\n  device: mixed_keys\n" + kPatch), device + ":10:1",
                     "pitch",
                     {"expected a key of pattern roller",
                      "found \"pitch\", which belongs to pattern square or hex"});
}

TEST(NeedlesErrors, MissingKeyNamesTheDevice) {
  expect_input_error(
      with_needles("needles:\n  device: roller_192_0.5mm\n  pattern: hex\n"), "case.yaml:20:3",
      "needles.pitch",
      {"found no \"pitch\" key", "neither the case nor the device \"roller_192_0.5mm\" gives it"});
}

TEST(NeedlesErrors, ChannelSpacingMustBePositive) {
  expect_input_error(testing::kValidCase + "mesh:\n  channel_spacing: 0 um\n", "case.yaml:20:20",
                     "mesh.channel_spacing",
                     {"expected a positive length such as \"15 um\", or auto", "found \"0 um\""});
}

}  // namespace
}  // namespace dermaflux::input
