#include "Channel.hpp"

#include <cmath>

namespace dermaflux::mesh {

double channel_volume(const Channel& c) {
  const double R = c.surface_radius_m, r = c.bottom_radius_m, h = c.depth_m;
  switch (c.shape) {
    case ChannelShape::Cone:
      return M_PI * h * (R * R + R * r + r * r) / 3.0;
    case ChannelShape::Pyramid:
      return 4.0 * h * (R * R + R * r + r * r) / 3.0;
    case ChannelShape::Cylinder:
      return M_PI * R * R * h;
  }
  return 0.0;
}

Channel scaled(const Channel& channel, double scale) {
  Channel c = channel;
  c.surface_radius_m *= scale;
  c.bottom_radius_m *= scale;
  return c;
}

}  // namespace dermaflux::mesh
