// Needle patterns -> channels: every pattern's positions, wrapping and clipping, and
// the channel each needle shape leaves.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>
#include <set>
#include <utility>
#include <vector>

#include "core/Error.hpp"
#include "meshes/NeedleLayout.hpp"
#include "meshes/sites/NeedleSiteBasics.hpp"

namespace dermaflux {
namespace {

using input::Domain;
using input::LateralBoundary;
using input::NeedlePattern;
using input::Needles;
using input::NeedleShape;
using input::NeedleSite;

constexpr double kUm = 1e-6;
constexpr double kTolerance_m = 1e-15;  // rounding of positions built from um values

Needles needles_of(NeedlePattern pattern) {
  Needles needles;
  needles.pattern = pattern;
  needles.length_m = 500 * kUm;
  needles.base_diameter_m = 200 * kUm;
  needles.tip_diameter_m = 5 * kUm;
  needles.penetration = 0.2;
  return needles;
}

Domain domain_of(double width_m, double length_m, LateralBoundary lateral) {
  Domain domain;
  domain.lateral = lateral;
  domain.width_m = width_m;
  domain.length_m = length_m;
  return domain;
}

std::vector<std::pair<double, double>> positions(const std::vector<mesh::Channel>& channels) {
  std::vector<std::pair<double, double>> result;
  for (const mesh::Channel& channel : channels) result.emplace_back(channel.x_m, channel.y_m);
  return result;
}

void expect_at(const mesh::Channel& channel, double x_m, double y_m) {
  EXPECT_NEAR(channel.x_m, x_m, kTolerance_m);
  EXPECT_NEAR(channel.y_m, y_m, kTolerance_m);
}

// The distance between two points, across the sides of a periodic domain.
double periodic_distance(const mesh::Channel& a, const mesh::Channel& b, const Domain& domain) {
  double dx = std::abs(a.x_m - b.x_m);
  double dy = std::abs(a.y_m - b.y_m);
  dx = std::min(dx, domain.width_m - dx);
  dy = std::min(dy, domain.length_m - dy);
  return std::hypot(dx, dy);
}

TEST(NeedleLayout, SquareUnitCellHoldsOneCentredNeedle) {
  Needles needles = needles_of(NeedlePattern::Square);
  needles.pitch_m = 500 * kUm;
  const auto channels =
      mesh::needle_channels(needles, domain_of(500 * kUm, 500 * kUm, LateralBoundary::Periodic));
  ASSERT_EQ(channels.size(), 1u);
  expect_at(channels[0], 250 * kUm, 250 * kUm);
}

TEST(NeedleLayout, SquareTwoByTwoPeriodsRowByRow) {
  // Arrange
  Needles needles = needles_of(NeedlePattern::Square);
  needles.pitch_m = 500 * kUm;
  // Act
  const auto channels =
      mesh::needle_channels(needles, domain_of(1000 * kUm, 1000 * kUm, LateralBoundary::Periodic));
  // Assert: ((i + 1/2) p, (j + 1/2) p), rows from y = 0
  ASSERT_EQ(channels.size(), 4u);
  expect_at(channels[0], 250 * kUm, 250 * kUm);
  expect_at(channels[1], 750 * kUm, 250 * kUm);
  expect_at(channels[2], 250 * kUm, 750 * kUm);
  expect_at(channels[3], 750 * kUm, 750 * kUm);
}

TEST(NeedleLayout, SquareInAPatchKeepsTheNeedlesInside) {
  Needles needles = needles_of(NeedlePattern::Square);
  needles.pitch_m = 500 * kUm;
  const auto channels =
      mesh::needle_channels(needles, domain_of(1100 * kUm, 600 * kUm, LateralBoundary::NoFlux));
  ASSERT_EQ(channels.size(), 2u);  // x 250, 750 (1250 is outside); y 250
  expect_at(channels[1], 750 * kUm, 250 * kUm);
}

TEST(NeedleLayout, HexPeriodHoldsTwoNeedles) {
  // Arrange
  Needles needles = needles_of(NeedlePattern::Hex);
  needles.pitch_m = 400 * kUm;
  const auto [period_x, period_y] = mesh::pattern_period(NeedlePattern::Hex, needles.pitch_m);
  // Act
  const auto channels =
      mesh::needle_channels(needles, domain_of(period_x, period_y, LateralBoundary::Periodic));
  // Assert: (p/4, h/2) and (3p/4, 3h/2) with rows h = p sqrt(3)/2 apart
  EXPECT_EQ(period_x, 400 * kUm);
  EXPECT_NEAR(period_y, 400 * kUm * std::sqrt(3.0), kTolerance_m);
  ASSERT_EQ(channels.size(), 2u);
  const double row = 400 * kUm * std::sqrt(3.0) / 2.0;
  expect_at(channels[0], 100 * kUm, row / 2.0);
  expect_at(channels[1], 300 * kUm, 1.5 * row);
}

TEST(NeedleLayout, HexNeighboursAreOnePitchApart) {
  // Arrange: 3 x 2 periods
  Needles needles = needles_of(NeedlePattern::Hex);
  needles.pitch_m = 400 * kUm;
  const auto [period_x, period_y] = mesh::pattern_period(NeedlePattern::Hex, needles.pitch_m);
  const Domain domain = domain_of(3 * period_x, 2 * period_y, LateralBoundary::Periodic);
  // Act
  const auto channels = mesh::needle_channels(needles, domain);
  // Assert: 2 needles per period, each with its nearest neighbours at the pitch
  ASSERT_EQ(channels.size(), 12u);
  for (std::size_t a = 0; a < channels.size(); ++a) {
    int at_pitch = 0;
    double nearest = 1.0;
    for (std::size_t b = 0; b < channels.size(); ++b) {
      if (a == b) continue;
      const double distance = periodic_distance(channels[a], channels[b], domain);
      nearest = std::min(nearest, distance);
      if (std::abs(distance - needles.pitch_m) < 1e-12) ++at_pitch;
    }
    EXPECT_NEAR(nearest, needles.pitch_m, 1e-12);
    EXPECT_EQ(at_pitch, 6);
  }
}

TEST(NeedleLayout, RandomIsReproducibleAndCountsDensityTimesArea) {
  // Arrange: 200 / cm^2 on 3 mm x 2 mm = 12 needles
  Needles needles = needles_of(NeedlePattern::Random);
  needles.density_per_m2 = 2e6;
  needles.seed = 5;
  const Domain domain = domain_of(3e-3, 2e-3, LateralBoundary::NoFlux);
  // Act
  const auto first = mesh::needle_channels(needles, domain);
  const auto again = mesh::needle_channels(needles, domain);
  needles.seed = 6;
  const auto other = mesh::needle_channels(needles, domain);
  // Assert
  ASSERT_EQ(first.size(), 12u);
  EXPECT_EQ(positions(first), positions(again));
  EXPECT_NE(positions(first), positions(other));
  for (const mesh::Channel& channel : first) {
    EXPECT_GE(channel.x_m, 0.0);
    EXPECT_LT(channel.x_m, domain.width_m);
    EXPECT_GE(channel.y_m, 0.0);
    EXPECT_LT(channel.y_m, domain.length_m);
  }
}

TEST(NeedleLayout, RandomSequenceIsFixedForAGivenSeed) {
  // The first hole of seed 1 on a 1 m x 1 m domain is the first two draws of
  // std::mt19937_64(1), top 53 bits each: the same with every compiler and library.
  Needles needles = needles_of(NeedlePattern::Random);
  needles.density_per_m2 = 1.0;
  const auto channels =
      mesh::needle_channels(needles, domain_of(1.0, 1.0, LateralBoundary::Periodic));
  std::mt19937_64 engine(1);
  const double x = static_cast<double>(engine() >> 11) * 0x1.0p-53;
  const double y = static_cast<double>(engine() >> 11) * 0x1.0p-53;
  ASSERT_EQ(channels.size(), 1u);
  EXPECT_EQ(channels[0].x_m, x);
  EXPECT_EQ(channels[0].y_m, y);
}

TEST(NeedleLayout, RandomMinSpacingHoldsAcrossPeriodicSides) {
  // Arrange: 150 needles in 1 mm^2 at least 50 um apart (a 29 % cover)
  Needles needles = needles_of(NeedlePattern::Random);
  needles.density_per_m2 = 150e6;
  needles.min_spacing_m = 50 * kUm;
  const Domain domain = domain_of(1e-3, 1e-3, LateralBoundary::Periodic);
  // Act
  const auto channels = mesh::needle_channels(needles, domain);
  // Assert
  ASSERT_EQ(channels.size(), 150u);
  double closest = 1.0;
  for (std::size_t a = 0; a < channels.size(); ++a) {
    for (std::size_t b = a + 1; b < channels.size(); ++b) {
      closest = std::min(closest, periodic_distance(channels[a], channels[b], domain));
    }
  }
  EXPECT_GE(closest, needles.min_spacing_m);
}

TEST(NeedleLayout, ListWrapsIntoAPeriodicDomainAndKeepsOverrides) {
  // Arrange
  Needles needles = needles_of(NeedlePattern::List);
  NeedleSite outside;
  outside.x_m = -100 * kUm;
  outside.y_m = 1100 * kUm;
  NeedleSite longer;
  longer.x_m = 400 * kUm;
  longer.y_m = 500 * kUm;
  longer.length_m = 1000 * kUm;
  longer.base_diameter_m = 305 * kUm;
  needles.sites = {outside, longer};
  // Act
  const auto channels =
      mesh::needle_channels(needles, domain_of(1e-3, 1e-3, LateralBoundary::Periodic));
  // Assert
  ASSERT_EQ(channels.size(), 2u);
  expect_at(channels[0], 900 * kUm, 100 * kUm);
  EXPECT_NEAR(channels[0].depth_m, 100 * kUm, kTolerance_m);
  expect_at(channels[1], 400 * kUm, 500 * kUm);
  EXPECT_NEAR(channels[1].depth_m, 200 * kUm, kTolerance_m);
  EXPECT_NEAR(channels[1].surface_radius_m, (5 + 300 * 0.2) / 2 * kUm, kTolerance_m);
}

TEST(NeedleLayout, RollerTracksAndHoleSpacing) {
  // Arrange: 3 rings 200 um apart, hole spacing pi x 2 mm / 8 = 785.4 um, one pass along
  // +x through the centre of a 4 mm x 2 mm patch
  Needles needles = needles_of(NeedlePattern::Roller);
  needles.roller.needles_per_ring = 8;
  needles.roller.rings = 3;
  needles.roller.ring_spacing_m = 200 * kUm;
  needles.roller.drum_diameter_m = 2e-3;
  needles.roller.passes = {input::RollerPass{}};
  // Act
  const auto channels =
      mesh::needle_channels(needles, domain_of(4e-3, 2e-3, LateralBoundary::NoFlux));
  // Assert: 5 holes on each of 3 tracks at y = 0.8, 1.0, 1.2 mm
  ASSERT_EQ(channels.size(), 15u);
  const double hole_spacing = std::numbers::pi * 2e-3 / 8.0;
  for (int ring = 0; ring < 3; ++ring) {
    for (int k = 0; k < 5; ++k) {
      const mesh::Channel& hole = channels[static_cast<std::size_t>(ring * 5 + k)];
      expect_at(hole, 2e-3 + (k - 2) * hole_spacing, 1e-3 + (ring - 1) * 200 * kUm);
    }
  }
}

TEST(NeedleLayout, RollerPassAcrossWithOffsetIsClippedToThePatch) {
  // Arrange: rolled along +y, tracks shifted by the offset across (towards -x)
  Needles needles = needles_of(NeedlePattern::Roller);
  needles.roller.needles_per_ring = 24;
  needles.roller.rings = 24;
  needles.roller.ring_spacing_m = 800 * kUm;
  needles.roller.drum_diameter_m = 20e-3;
  needles.roller.passes = {input::RollerPass{90.0, 100 * kUm}};
  const Domain domain = domain_of(2e-3, 6e-3, LateralBoundary::NoFlux);
  // Act
  const auto channels = mesh::needle_channels(needles, domain);
  // Assert: tracks at x = 1 mm - 0.1 mm - 0.8 mm (r - 11.5): only 500 and 1300 um lie in
  // the 2 mm; holes pi x 20 mm / 24 = 2.618 mm apart along y from y = 3 mm: 3 fit in 6 mm
  std::set<double> xs;
  std::set<double> ys;
  for (const mesh::Channel& channel : channels) {
    xs.insert(std::round(channel.x_m / kUm));
    ys.insert(std::round(channel.y_m / kUm));
  }
  EXPECT_EQ(xs, (std::set<double>{500.0, 1300.0}));
  EXPECT_EQ(ys, (std::set<double>{382.0, 3000.0, 5618.0}));
  EXPECT_EQ(channels.size(), 6u);
}

TEST(NeedleLayout, StampPathPositions) {
  // Arrange: two needles 100 um apart, stamped 3 times 200 um apart along +y
  Needles needles = needles_of(NeedlePattern::Stamp);
  NeedleSite first;
  NeedleSite second;
  second.x_m = 100 * kUm;
  needles.stamp.cartridge = {first, second};
  needles.stamp.start_x_m = 500 * kUm;
  needles.stamp.start_y_m = 500 * kUm;
  needles.stamp.step_m = 200 * kUm;
  needles.stamp.direction_deg = 90.0;
  needles.stamp.stamps = 3;
  // Act
  const auto channels =
      mesh::needle_channels(needles, domain_of(1e-3, 1e-3, LateralBoundary::NoFlux));
  // Assert: stamp by stamp, in cartridge order; the third stamp's needles at y = 900 um
  ASSERT_EQ(channels.size(), 6u);
  expect_at(channels[0], 500 * kUm, 500 * kUm);
  expect_at(channels[1], 600 * kUm, 500 * kUm);
  expect_at(channels[2], 500 * kUm, 700 * kUm);
  expect_at(channels[5], 600 * kUm, 900 * kUm);
}

TEST(NeedleLayout, StampWrapsInAPeriodicDomainAndIsClippedInAPatch) {
  Needles needles = needles_of(NeedlePattern::Stamp);
  NeedleSite needle;
  needles.stamp.cartridge = {needle};
  needles.stamp.start_x_m = 800 * kUm;
  needles.stamp.start_y_m = 500 * kUm;
  needles.stamp.step_m = 300 * kUm;
  needles.stamp.stamps = 2;
  const auto periodic =
      mesh::needle_channels(needles, domain_of(1e-3, 1e-3, LateralBoundary::Periodic));
  const auto patch = mesh::needle_channels(needles, domain_of(1e-3, 1e-3, LateralBoundary::NoFlux));
  ASSERT_EQ(periodic.size(), 2u);
  expect_at(periodic[1], 100 * kUm, 500 * kUm);  // 1100 um wrapped
  ASSERT_EQ(patch.size(), 1u);
}

TEST(NeedleLayout, ConeAndPyramidChannelsFollowTheNeedleTaper) {
  // Arrange: 600 um long, base 200 um, tip 10 um, half of it in the skin
  for (const NeedleShape shape : {NeedleShape::Cone, NeedleShape::Pyramid}) {
    Needles needles = needles_of(NeedlePattern::List);
    needles.shape = shape;
    needles.length_m = 600 * kUm;
    needles.base_diameter_m = 200 * kUm;
    needles.tip_diameter_m = 10 * kUm;
    needles.penetration = 0.5;
    // Act
    const mesh::Channel channel = mesh::needle_channel(needles, NeedleSite{});
    // Assert: the needle's cross-section at the surface is (10 + 190 x 0.5) um wide
    EXPECT_EQ(channel.shape,
              shape == NeedleShape::Cone ? mesh::ChannelShape::Cone : mesh::ChannelShape::Pyramid);
    EXPECT_NEAR(channel.depth_m, 300 * kUm, kTolerance_m);
    EXPECT_NEAR(channel.surface_radius_m, 52.5 * kUm, kTolerance_m);
    EXPECT_NEAR(channel.bottom_radius_m, 5 * kUm, kTolerance_m);
  }
}

TEST(NeedleLayout, CylinderChannelIsTheBaseAllTheWayDown) {
  Needles needles = needles_of(NeedlePattern::List);
  needles.shape = NeedleShape::Cylinder;
  needles.tip_diameter_m = 0.0;
  NeedleSite site;
  site.base_diameter_m = 150 * kUm;
  const mesh::Channel plain = mesh::needle_channel(needles, NeedleSite{});
  const mesh::Channel overridden = mesh::needle_channel(needles, site);
  EXPECT_EQ(plain.shape, mesh::ChannelShape::Cylinder);
  EXPECT_NEAR(plain.surface_radius_m, 100 * kUm, kTolerance_m);
  EXPECT_NEAR(plain.bottom_radius_m, 100 * kUm, kTolerance_m);
  EXPECT_NEAR(plain.depth_m, 100 * kUm, kTolerance_m);
  EXPECT_NEAR(overridden.surface_radius_m, 75 * kUm, kTolerance_m);
}

TEST(NeedleLayout, ImpossiblePatternsThrow) {
  Needles needles = needles_of(NeedlePattern::Random);
  needles.density_per_m2 = 1e8;       // 100 needles in 1 mm^2 ...
  needles.min_spacing_m = 200 * kUm;  // ... each with a 200 um disc: 314 % cover
  EXPECT_THROW(mesh::needle_channels(needles, domain_of(1e-3, 1e-3, LateralBoundary::NoFlux)),
               dermaflux::Error);
}

}  // namespace
}  // namespace dermaflux
