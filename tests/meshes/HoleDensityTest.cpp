// Hole density from a device's operation against the hand formulas.

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace dermaflux
