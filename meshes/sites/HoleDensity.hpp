#pragma once
// The needle holes per skin area that a pen's or a roller's operation leaves, counted
// hole by hole (overlaps counted twice): the figure a square or random pattern's
// density stands for when a paper gives how the device was worked rather than a grid.
//   pen:    rate x needles per stamp x time / treated area (every stamp lands inside);
//   roller: passes x needles on the drum / (pi x drum diameter x drum width): one drum
//           turn lays every needle once over pi D x W (PARAMETERS.md; the roller
//           presets' check: 192 / (pi x 2 cm x 2 cm) = 15.3 per cm^2 per pass).

#include <cmath>
#include <numbers>

namespace dermaflux::mesh {

inline double pen_hole_density_per_m2(double stamp_rate_hz, int needles_per_stamp,
                                      double duration_s, double treated_area_m2) {
  return stamp_rate_hz * needles_per_stamp * duration_s / treated_area_m2;
}

inline double roller_hole_density_per_m2(int passes, int needles_on_drum, double drum_diameter_m,
                                         double drum_width_m) {
  return passes * needles_on_drum / (std::numbers::pi * drum_diameter_m * drum_width_m);
}

// The pitch of a square grid of that density (a unit cell with one hole).
inline double square_pitch_m(double density_per_m2) {
  return 1.0 / std::sqrt(density_per_m2);
}

}  // namespace dermaflux::mesh
