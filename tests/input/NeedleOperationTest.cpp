// `needles.operation`: the hole density a pen's or roller's work leaves, read into a
// pattern's pitch or density against hand calculations, written into the resolved case
// with its formula, and refused where it cannot be a grid or mixes keys.

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "input/CaseWriter.hpp"
#include "input/NeedleTestSupport.hpp"
#include "input/needles/NeedleReading.hpp"
#include "meshes/NeedleLayout.hpp"

namespace dermaflux::input {
namespace {

using testing::expect_input_error;
using testing::read_test_case;
using testing::with_needles;

// 100 um cylinders: each channel opens a = pi (50 um)^2 = 7.854e-5 cm^2.
const std::string kCylinders =
    "needles:\n"                  // 19
    "  pattern: square\n"         // 20
    "  shape: cylinder\n"         // 21
    "  length: 500 um\n"          // 22
    "  base_diameter: 100 um\n";  // 23

// The hand counts below take the needle's own 100 um as the opening: its shadow.
const std::string kShadowCylinders = kCylinders + "  channels: shadow\n";  // 24

const std::string kGlidingPen =
    "  operation: {device: pen, stamp_rate: 100 1/s, needles_per_stamp: 12, "
    "glide_speed: 2 cm/s, stamp_width: 5 mm, passes: 2}\n";

TEST(NeedleOperation, GlidingPenGivesTheSquarePitchByHand) {
  // 100 x 12 x 2 / (2 cm/s x 0.5 cm) = 2400 holes per cm^2; n a = 0.1885; distinct
  // (1 - exp(-0.1885)) / 7.854e-5 cm^2 = 2187.37 per cm^2; pitch 1 / sqrt(it) = 213.815 um.
  const Needles needles = *read_test_case(with_needles(kShadowCylinders + kGlidingPen)).needles;
  ASSERT_TRUE(needles.operation);
  EXPECT_EQ(needles.operation->device, "pen");
  EXPECT_NEAR(needles.operation->counted_per_m2 * 1e-4, 2400.0, 1e-9);
  EXPECT_NEAR(needles.operation->footprint_m2 * 1e4, 7.853982e-5, 1e-11);
  EXPECT_NEAR(needles.operation->distinct_per_m2 * 1e-4, 2187.37, 0.01);
  EXPECT_NEAR(needles.pitch_m * 1e6, 213.815, 1e-3);
}

TEST(NeedleOperation, HexAndRandomTakeTheSameDistinctDensity) {
  const std::string hex = kShadowCylinders.substr(0, kShadowCylinders.find("square")) + "hex\n" +
                          kShadowCylinders.substr(kShadowCylinders.find("square") + 7);
  const Needles hexed = *read_test_case(with_needles(hex + kGlidingPen)).needles;
  EXPECT_NEAR(hexed.pitch_m * 1e6, 229.759, 1e-3);  // sqrt(2 / (sqrt(3) x 2187.37 / cm^2))
  const std::string random =
      kShadowCylinders.substr(0, kShadowCylinders.find("square")) + "random\n" +
      kShadowCylinders.substr(kShadowCylinders.find("square") + 7) + kGlidingPen +
      "domain: {lateral: no_flux, width: 2 mm, length: 2 mm}\n";
  EXPECT_NEAR(read_test_case(with_needles(random)).needles->density_per_m2 * 1e-4, 2187.37, 0.01);
}

TEST(NeedleOperation, RollerMatchesThePresetsCheck) {
  // 192 / (pi x 2 cm x 2 cm) = 15.28 per cm^2 per pass; 15 passes 229.18, of which
  // (1 - exp(-0.018)) / a = 227.13 distinct: a 663.5 um square grid.
  const Needles rolled =
      *read_test_case(with_needles(kShadowCylinders +
                                   "  operation: {device: roller, needles: 192, drum_diameter: "
                                   "2 cm, drum_width: 2 cm, passes: 15}\n"))
           .needles;
  EXPECT_NEAR(rolled.operation->counted_per_m2 * 1e-4, 229.183, 1e-3);
  EXPECT_NEAR(rolled.operation->distinct_per_m2 * 1e-4, 227.133, 1e-3);
  EXPECT_NEAR(rolled.pitch_m * 1e6, 663.53, 0.01);
  const Needles once =
      *read_test_case(with_needles(kShadowCylinders +
                                   "  operation: {device: roller, needles: "
                                   "192, drum_diameter: 2 cm, drum_width: 2 cm}\n"))
           .needles;
  EXPECT_NEAR(once.operation->counted_per_m2 * 1e-4, 192.0 / (M_PI * 4.0), 1e-9);
}

TEST(NeedleOperation, FootprintIsTheChannelsOpening) {
  // The width the overlap takes is that of the channel meshes/NeedleLayout builds.
  const Needles cone =
      *read_test_case(with_needles("needles:\n  pattern: square\n  length: 500 um\n"
                                   "  base_diameter: 200 um\n  penetration: pressed\n"
                                   "  elastic_recovery: calibrated\n" +
                                   kGlidingPen))
           .needles;
  const double radius_m = mesh::needle_channel(cone, NeedleSite{}).surface_radius_m;
  EXPECT_NEAR(channel_surface_width_m(cone), 2.0 * radius_m, 1e-18);
  EXPECT_NEAR(cone.operation->footprint_m2, M_PI * radius_m * radius_m, 1e-22);
}

TEST(NeedleOperation, ResolvedCaseSaysHowThePitchWasCounted) {
  const Case c = read_test_case(with_needles(kShadowCylinders + kGlidingPen));
  const std::string resolved = write_case_yaml(c);
  EXPECT_NE(resolved.find("from operation: pen: rate x needles per stamp x passes"),
            std::string::npos)
      << resolved;
  EXPECT_NE(resolved.find("Poisson overlap"), std::string::npos);
  EXPECT_EQ(resolved.find("operation:"), resolved.find("operation: pen"));  // a comment only
  const Case again = read_case_text(resolved, "case.resolved.yaml", testing::test_cases_dir());
  EXPECT_EQ(again.needles->pitch_m, c.needles->pitch_m);
}

TEST(NeedleOperation, RefusesWhatIsNotOneWayOfCounting) {
  expect_input_error(with_needles(kCylinders + "  pitch: 500 um\n" + kGlidingPen), "case.yaml:24:3",
                     "needles.pitch", {"either pitch or operation"});
  expect_input_error(
      with_needles(kCylinders + "  operation: {device: pen, stamp_rate: 100 1/s, "
                                "needles_per_stamp: 12, time: 1 min, area: 1 cm^2, passes: 2}\n"),
      "case.yaml:24:99", "needles.operation.passes", {"the time covers every pass"});
  expect_input_error(with_needles(kCylinders + "  operation: {device: pen, needles: 192}\n"),
                     "case.yaml:24:28", "needles.operation.needles", {"a key of a roller"});
  expect_input_error(with_needles(kCylinders + "  operation: {device: stamp}\n"), "case.yaml:24:23",
                     "needles.operation.device", {"pen or roller"});
  expect_input_error(with_needles(kCylinders + "  operation: {device: pen, stamp_rate: 100 1/s, "
                                               "needles_per_stamp: 12, glide_speed: 2 cm/s}\n"),
                     "case.yaml:24:14", "needles.operation.stamp_width",
                     {"no \"stamp_width\" key"});
}

TEST(NeedleOperation, RefusesAGridOfOverlappingChannels) {
  // 100 Hz x 12 x 1 min / 1.77 cm^2 = 40 678 holes per cm^2, n a = 3.19: 12 211 distinct,
  // a 90.5 um grid of 100 um channels.
  expect_input_error(
      with_needles(kShadowCylinders + "  operation: {device: pen, stamp_rate: 100 1/s, "
                                      "needles_per_stamp: 12, time: 1 min, area: 1.77 cm^2}\n"),
      "case.yaml:25:14", "needles.operation",
      {"a pitch of 90.496 um", "x 60 s / 1.77 cm^2", "= 12210.7 1/cm^2", "pattern: random"});
}

}  // namespace
}  // namespace dermaflux::input
