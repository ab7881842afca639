#pragma once
// One micro-channel left in the skin by one needle, in mesh terms: a vertical
// solid of revolution (cone frustum or cylinder) or a square frustum (pyramid,
// sides parallel to x and y) from the skin surface z = 0 down to z = -depth.

#include <vector>

namespace dermaflux::mesh {

enum class ChannelShape { Cone, Pyramid, Cylinder };

struct Channel {
  double x_m = 0.0;  // axis position
  double y_m = 0.0;
  double depth_m = 0.0;           // penetration x needle length
  double surface_radius_m = 0.0;  // at z = 0 (pyramid: half the side length)
  double bottom_radius_m = 0.0;   // at z = -depth (cylinder: equal to surface_radius_m)
  ChannelShape shape = ChannelShape::Cone;
};

// Analytic volume: frustum pi h (R^2 + R r + r^2) / 3, square frustum
// 4 h (R^2 + R r + r^2) / 3, cylinder pi R^2 h.
double channel_volume(const Channel& channel);

// The channel with both radii multiplied by `scale` (closure), depth unchanged.
Channel scaled(const Channel& channel, double scale);

}  // namespace dermaflux::mesh
