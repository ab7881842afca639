// Channels as measured (issue 14): the penetration by how needles go in, the measured
// widening at the surface and excised skin that does not close its channels, each
// against its source's numbers and the channel it gives against the hand formula.

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "input/CaseEquality.hpp"
#include "input/CaseWriter.hpp"
#include "input/NeedleTestSupport.hpp"
#include "input/needles/NeedleDefaults.hpp"
#include "meshes/NeedleLayout.hpp"

namespace dermaflux::input {
namespace {

using testing::expect_input_error;
using testing::kSquareNeedles;
using testing::read_test_case;
using testing::with_needles;

Needles square_with(const std::string& lines) {
  return *read_test_case(with_needles(kSquareNeedles + lines)).needles;
}

const std::string kRoller =
    "needles:\n  pattern: roller\n  needles_per_ring: 8\n  rings: 24\n  ring_spacing: 833 um\n"
    "  drum_diameter: 20 mm\n  length: 500 um\n  base_diameter: 100 um\n";

TEST(ChannelGeometryKeys, PenetrationByHowTheNeedlesGoIn) {
  // Kalluri 2011: 152.5 um of a 770 um roller needle; Donnelly 2010: 460 of 600 um.
  EXPECT_EQ(square_with("  penetration: roller\n").penetration, 0.2);
  EXPECT_NEAR(square_with("  penetration: pressed\n").penetration, 460.0 / 600.0, 1e-15);
  EXPECT_NEAR(square_with("  penetration: auto\n").penetration, 0.7667, 1e-4);
  const Case rolled = read_test_case(
      with_needles(kRoller + "  penetration: auto\n" +
                   "domain: {lateral: no_flux, width: 2 mm, length: 2 mm}\n"));
  EXPECT_EQ(rolled.needles->penetration, 0.2);
  EXPECT_EQ(square_with("  penetration: 0.5\n").penetration, 0.5);  // a number still works
}

TEST(ChannelGeometryKeys, MeasuredWideningIsKalluris) {
  // 70.7 um wide where a 140 um base, 8 um tip, 770 um needle is 34.14 um across.
  EXPECT_NEAR(kKalluriNeedleWidthAtSurface_um, 34.143, 1e-3);
  EXPECT_NEAR(kMeasuredSurfaceWidening, 2.0708, 1e-4);
  EXPECT_EQ(square_with("").surface_widening, 1.0);  // default: the needle's shadow
  EXPECT_EQ(square_with("  surface_widening: measured\n").surface_widening,
            kMeasuredSurfaceWidening);
  EXPECT_EQ(square_with("  surface_widening: 1.5\n").surface_widening, 1.5);
  EXPECT_EQ(square_with("  surface_widening: none\n").surface_widening, 1.0);
}

TEST(ChannelGeometryKeys, KallurisNeedleLeavesKallurisChannel) {
  // Kalluri's own needle, measured widening and roller penetration: the channel is
  // ~152.5 um deep and 70.7 um wide at the surface, as measured.
  Needles needles = square_with("  penetration: roller\n  surface_widening: measured\n");
  needles.length_m = 770e-6;
  needles.base_diameter_m = 140e-6;
  needles.tip_diameter_m = 8e-6;
  const mesh::Channel channel = mesh::needle_channel(needles, NeedleSite{});
  EXPECT_NEAR(channel.depth_m, 154e-6, 1e-12);  // 0.2 x 770 um; measured 152.5 +- 9.6
  EXPECT_NEAR(2.0 * channel.surface_radius_m, 70.7e-6 * (8.0 + 132.0 * 0.2) /
                                                  kKalluriNeedleWidthAtSurface_um,
              1e-12);
  EXPECT_NEAR(2.0 * channel.surface_radius_m, 70.7e-6, 1.5e-6);  // within 2 % of measured
  EXPECT_EQ(channel.bottom_radius_m, 4e-6);                     // the tip is not widened
  // Its open volume: the frustum pi h (R^2 + R r + r^2) / 3.
  const double R = channel.surface_radius_m, r = channel.bottom_radius_m;
  EXPECT_NEAR(mesh::channel_volume(channel),
              std::numbers::pi * channel.depth_m * (R * R + R * r + r * r) / 3.0, 1e-24);
}

TEST(ChannelGeometryKeys, ExcisedSkinDoesNotClose) {
  EXPECT_FALSE(square_with("  closure_half_life: excised\n").closure_half_life_s.has_value());
}

TEST(ChannelGeometryKeys, ResolvedCaseKeepsTheWidening) {
  const Case widened =
      read_test_case(with_needles(kSquareNeedles + "  surface_widening: measured\n"));
  const std::string written = write_case_yaml(widened);
  EXPECT_NE(written.find("surface_widening"), std::string::npos);
  testing::expect_same_case(read_case_text(written, "resolved.yaml", "/nonexistent"), widened,
                            false);
  // Old cases keep their resolved text: no key when there is no widening.
  EXPECT_EQ(write_case_yaml(read_test_case(with_needles(kSquareNeedles))).find("surface_widening"),
            std::string::npos);
}

TEST(ChannelGeometryKeys, Errors) {
  expect_input_error(with_needles(kSquareNeedles + "  penetration: presed\n"), "case.yaml:24:16",
                     "needles.penetration", {"did you mean \"pressed\"?"});
  expect_input_error(with_needles(kSquareNeedles + "  surface_widening: 0.5\n"), "case.yaml:24:21",
                     "needles.surface_widening", {"a factor of at least 1"});
  expect_input_error(
      with_needles(kSquareNeedles + "  shape: cylinder\n  surface_widening: 2\n"), "case.yaml:25:21",
      "needles.surface_widening", {"no surface_widening for a cylinder"});
}

}  // namespace
}  // namespace dermaflux::input
