#pragma once
// Lateral nodes refined around micro-channels: cells no wider than `fine_m` over a
// band around every channel axis, growing geometrically (ratio at most `growth`)
// away from the bands up to `coarse_m`. Channel radii of 5-50 um are resolved
// without refining the whole patch.

#include <vector>

namespace dermaflux::mesh {

// Nodes on [0, extent] (first exactly 0, last exactly extent). Bands are
// [c - half_width, c + half_width] for every centre c; in a periodic domain a band
// crossing an end continues at the other end. Without centres: uniform cells no
// wider than `coarse_m`. A configuration mirror-symmetric about the domain centre
// gives mirror-symmetric nodes (up to rounding). Throws std::invalid_argument on
// non-positive sizes or growth < 1.
std::vector<double> refined_nodes(double extent_m, double coarse_m, double fine_m,
                                  const std::vector<double>& centres_m, double half_width_m,
                                  double growth, bool periodic);

}  // namespace dermaflux::mesh
