// Hole density from a device's operation against the hand formulas.

#include <gtest/gtest.h>

#include <cmath>

#include "meshes/sites/HoleDensity.hpp"

namespace dermaflux {
namespace {

TEST(HoleDensity, PenIsRateTimesNeedlesTimesTimeOverArea) {
  // 100 Hz, a 12-pin cartridge, 1 min over a 1.77 cm^2 Franz-cell disc (15 mm across):
  // 72 000 holes, 40 678 per cm^2.
  const double per_cm2 = mesh::pen_hole_density_per_m2(100.0, 12, 60.0, 1.77e-4) * 1e-4;
  EXPECT_NEAR(per_cm2, 72000.0 / 1.77, 1e-9);
}

TEST(HoleDensity, RollerMatchesThePresetsCheck) {
  // 192 needles, drum 2 cm across and 2 cm wide: 15.28 per cm^2 per pass; 15 passes 229.2.
  const double one_pass = mesh::roller_hole_density_per_m2(1, 192, 0.02, 0.02) * 1e-4;
  EXPECT_NEAR(one_pass, 192.0 / (3.14159265358979 * 4.0), 1e-9);
  EXPECT_NEAR(mesh::roller_hole_density_per_m2(15, 192, 0.02, 0.02) * 1e-4, 229.18, 0.01);
  // The validation sets' 660 um square cell holds that density to 1 %.
  EXPECT_NEAR(mesh::square_pitch_m(229.18e4), 660e-6, 6.6e-6);
}

TEST(HoleDensity, PenGlidingIsRateTimesNeedlesTimesPassesOverSpeedTimesWidth) {
  // 100 Hz, 12 pins, 2 passes at 2 cm/s in strips 5 mm wide:
  // 100 x 12 x 2 / (2 cm/s x 0.5 cm) = 2400 holes per cm^2.
  const double per_cm2 = mesh::pen_glide_hole_density_per_m2(100.0, 12, 2, 0.02, 5e-3) * 1e-4;
  EXPECT_NEAR(per_cm2, 2400.0, 1e-9);
}

TEST(HoleDensity, DistinctChannelsByHand) {
  // A 100 um opening: a = pi (50 um)^2 = 7.854e-5 cm^2. 2400 holes per cm^2: n a = 0.1885,
  // distinct = (1 - exp(-0.1885)) / a = 0.17180 / 7.854e-5 = 2187.4 per cm^2 (8.9 % fewer).
  const double footprint_m2 = mesh::hole_footprint_m2(100e-6, false);
  EXPECT_NEAR(footprint_m2 * 1e4, 7.853982e-5, 1e-11);
  EXPECT_NEAR(mesh::distinct_hole_density_per_m2(2400e4, footprint_m2) * 1e-4, 2187.37, 0.01);
  // A pyramid's opening is a square of that side: 1e-4 cm^2.
  EXPECT_NEAR(mesh::hole_footprint_m2(100e-6, true) * 1e4, 1e-4, 1e-16);
}

TEST(HoleDensity, OverlapLimits) {
  const double footprint_m2 = mesh::hole_footprint_m2(40e-6, false);
  // Sparse: nearly every hole is new; distinct = n (1 - n a / 2 + ...).
  const double sparse_per_m2 = 1e-3 / footprint_m2;
  EXPECT_NEAR(mesh::distinct_hole_density_per_m2(sparse_per_m2, footprint_m2) / sparse_per_m2,
              1.0 - 0.5e-3, 1e-6);
  // Saturated: every spot perforated once, 1 / a, however much more work.
  EXPECT_NEAR(mesh::distinct_hole_density_per_m2(60.0 / footprint_m2, footprint_m2) * footprint_m2,
              1.0, 1e-15);
  // Never more distinct channels than holes, and more work never fewer.
  double previous = 0.0;
  for (double n_a = 0.01; n_a < 20.0; n_a *= 1.5) {
    const double distinct = mesh::distinct_hole_density_per_m2(n_a / footprint_m2, footprint_m2);
    EXPECT_LE(distinct, n_a / footprint_m2);
    EXPECT_GT(distinct, previous);
    previous = distinct;
  }
}

TEST(HoleDensity, GridPitches) {
  // A hex period p x p sqrt(3) holds two holes: density 2 / (sqrt(3) p^2).
  const double pitch_m = mesh::hex_pitch_m(2187.37e4);
  EXPECT_NEAR(2.0 / (std::sqrt(3.0) * pitch_m * pitch_m), 2187.37e4, 1e-3);
  EXPECT_NEAR(mesh::square_pitch_m(2187.37e4), 213.815e-6, 1e-9);
}

}  // namespace
}  // namespace dermaflux
