#include "meshes/NeedleLayout.hpp"

#include <string>

#include "core/Error.hpp"
#include "core/NumericCast.hpp"
#include "meshes/sites/NeedleSites.hpp"

namespace dermaflux::mesh {

Channel needle_channel(const input::Needles& needles, const input::NeedleSite& site) {
  const double length_m = site.length_m.value_or(needles.length_m);
  const double base_m = site.base_diameter_m.value_or(needles.base_diameter_m);
  const double tip_m = needles.tip_diameter_m;
  Channel channel;
  channel.x_m = site.x_m;
  channel.y_m = site.y_m;
  channel.depth_m = needles.penetration * length_m;
  switch (needles.shape) {
    case input::NeedleShape::Cone:
    case input::NeedleShape::Pyramid:
      channel.shape =
          needles.shape == input::NeedleShape::Cone ? ChannelShape::Cone : ChannelShape::Pyramid;
      channel.surface_radius_m =
          needles.surface_widening * (tip_m + (base_m - tip_m) * needles.penetration) / 2.0;
      channel.bottom_radius_m = tip_m / 2.0;
      break;
    case input::NeedleShape::Cylinder:
      channel.shape = ChannelShape::Cylinder;
      channel.surface_radius_m = base_m / 2.0;
      channel.bottom_radius_m = base_m / 2.0;
      break;
  }
  return scaled(channel, 1.0 - needles.elastic_recovery);
}

std::vector<Channel> needle_channels(const input::Needles& needles, const input::Domain& domain) {
  const SitesResult result = needle_sites(needles, input::needle_area(domain));
  switch (result.problem) {
    case SitesProblem::TooMany:
      throw Error("the needle pattern puts more than 1000000 needles into the domain");
    case SitesProblem::TooDense:
      throw Error("needles.min_spacing leaves no room for " +
                  std::to_string(core::saturating_cast<long long>(result.wanted)) +
                  " random needles in the domain");
    case SitesProblem::None:
      break;
  }
  std::vector<Channel> channels;
  channels.reserve(result.sites.size());
  for (const input::NeedleSite& site : result.sites) {
    channels.push_back(needle_channel(needles, site));
  }
  return channels;
}

}  // namespace dermaflux::mesh
