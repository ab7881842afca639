#pragma once
// The needle holes per skin area that a pen's or a roller's operation leaves, first
// counted hole by hole (overlaps counted twice), then as distinct channels: the figure a
// square, hex or random pattern's density stands for when a paper gives how the device
// was worked rather than a grid (the case key `needles.operation`).
//   pen:    rate x needles per stamp x time / treated area (every stamp lands inside),
//           or, gliding, rate x needles per stamp x passes / (speed x stamp width): one
//           pass lays rate / speed stamps per length of a strip one stamp wide;
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

inline double pen_glide_hole_density_per_m2(double stamp_rate_hz, int needles_per_stamp, int passes,
                                            double glide_speed_m_s, double stamp_width_m) {
  return stamp_rate_hz * needles_per_stamp * passes / (glide_speed_m_s * stamp_width_m);
}

inline double roller_hole_density_per_m2(int passes, int needles_on_drum, double drum_diameter_m,
                                         double drum_width_m) {
  return passes * needles_on_drum / (std::numbers::pi * drum_diameter_m * drum_width_m);
}

// Distinct channels of `counted` holes per area placed independently and uniformly
// (a Poisson point process), each opening a footprint of area `footprint_m2`: a hole is
// a new channel only when it lands outside the footprints of the holes before it. After
// n holes per area the skin still unperforated is exp(-n a) (the vacancy of a Boolean
// model), so d(distinct)/dn = exp(-n a) and distinct = (1 - exp(-n a)) / a: n while
// n a << 1, at most 1 / a (every spot perforated once). Derived here; not a fit.
inline double distinct_hole_density_per_m2(double counted_per_m2, double footprint_m2) {
  const double covered = -std::expm1(-counted_per_m2 * footprint_m2);
  return covered / footprint_m2;
}

// The area a channel of surface width `width_m` opens: a disc (cone, cylinder) or a
// square (pyramid, whose widths are side lengths).
inline double hole_footprint_m2(double width_m, bool square_section) {
  return square_section ? width_m * width_m : std::numbers::pi * width_m * width_m / 4.0;
}

// The pitch of a square grid of that density (a unit cell with one hole).
inline double square_pitch_m(double density_per_m2) {
  return 1.0 / std::sqrt(density_per_m2);
}

// The pitch of a hex grid of that density (a period p x p sqrt(3) holds two holes).
inline double hex_pitch_m(double density_per_m2) {
  return std::sqrt(2.0 / (std::sqrt(3.0) * density_per_m2));
}

}  // namespace dermaflux::mesh
