#pragma once
// channels.vtp: the channel surfaces as VTK polydata in micrometres (z up, the
// skin surface at z = 0), beside the .pvd so ParaView shows the channels with the
// concentration field. Each channel is its side wall and its bottom; cell data
// `channel_id` and `depth_um`. In a periodic domain the images of channels that
// cross a side are drawn where they reach into the domain.

#include <filesystem>
#include <vector>

#include "meshes/Channel.hpp"

namespace dermaflux::io {

void write_channels_vtp(const std::filesystem::path& file,
                        const std::vector<mesh::Channel>& channels, bool periodic, double width_m,
                        double length_m);

}  // namespace dermaflux::io
