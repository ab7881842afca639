#pragma once
// Rasterising micro-channels onto the rectilinear grid: the open-channel volume
// fraction of every cell, from exact cross-section areas integrated over each
// cell's height.

#include <vector>

#include "meshes/Channel.hpp"
#include "meshes/Grid.hpp"

namespace dermaflux::mesh {

// The fraction (0..1) of every cell's volume inside a channel; 0 above the skin
// surface (z > 0). In a periodic domain a channel crossing a side continues on
// the other side. Where channels overlap their fractions add, capped at 1.
// Deterministic and the same for any thread count.
std::vector<double> channel_fractions(const Grid& grid, const std::vector<Channel>& channels,
                                      bool periodic);
// The same for a block of a domain [0, width] x [0, length] (a case split over
// ranks): its grid covers part of the domain, the periodic images are a domain's
// width or length apart, and every cell gets the fraction the whole grid gives it.
std::vector<double> channel_fractions(const Grid& block, const std::vector<Channel>& channels,
                                      bool periodic, double domain_width_m, double domain_length_m);

// The area of the channel's cross-section at height z (<= 0) that lies inside
// the rectangle [x0, x1] x [y0, y1]; exact (closed forms).
double cross_section_area(const Channel& channel, double z, double x0, double x1, double y0,
                          double y1);

}  // namespace dermaflux::mesh
