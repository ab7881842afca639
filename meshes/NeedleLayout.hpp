#pragma once
// Needle pattern -> micro-channels: one mesh::Channel per needle of a resolved case,
// at the needle's position (sites/NeedleSites.hpp: wrapped into [0, width) x [0, length)
// for a periodic domain, inside the patch for a no-flux one) and with the shape the
// needle leaves. The order is fixed by the pattern, so the mesh is the same every run.

#include <vector>

#include "input/Case.hpp"
#include "meshes/Channel.hpp"

namespace dermaflux::mesh {

// The channels of every needle. Throws dermaflux::Error for a pattern the case reader
// would have refused (too many needles, a random density min_spacing cannot fit).
std::vector<Channel> needle_channels(const input::Needles& needles, const input::Domain& domain);

// The channel one needle leaves (its position is the site's):
//   depth = penetration x length;
//   cone, pyramid: radius at the surface (tip + (base - tip) x penetration) / 2, the
//     needle's cross-section where it crosses the skin surface when it tapers linearly
//     from base to tip, times surface_widening (1, or the measured tearing of the skin
//     around the needle); radius at the bottom tip / 2 (pyramid: half side lengths);
//   cylinder: both radii base / 2;
//   then both radii x (1 - elastic_recovery), what the skin takes back.
// The site's own length and base diameter (a list's overrides) replace the needles'.
Channel needle_channel(const input::Needles& needles, const input::NeedleSite& site);

}  // namespace dermaflux::mesh
