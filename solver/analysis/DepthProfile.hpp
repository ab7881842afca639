#pragma once
// Depth profiles of the tissue concentration for profiles.csv: for every z-plane
// of skin, the volume-weighted mean over the plane and, on needled skin, the
// value in two columns: on the axis of the channel nearest the domain centre, and
// farthest from every channel axis (between the channels).
//
// profiles.csv: time_h,depth_um,layer,mean_mg_ml,channel_axis_mg_ml,between_channels_mg_ml
// (the last two empty for intact skin), one block of rows per output time, skin
// planes from the surface down; concentrations as in the VTK snapshots (c = K u
// in tissue, u in open channel), in mg/mL. The text: io/RunCsv.hpp.

#include <array>
#include <optional>
#include <vector>

#include "core/GlobalSum.hpp"
#include "linear/LinearOperator.hpp"
#include "meshes/Channel.hpp"
#include "model/Problem.hpp"

namespace dermaflux::analysis {

// Columns as i + nx j.
struct ProfileColumns {
  std::optional<std::size_t> channel_axis;
  std::optional<std::size_t> between_channels;
};

// The column containing the axis of the channel nearest the domain centre, and the
// column whose centre is farthest from every axis (distances wrap around a
// periodic domain). Both empty without channels.
ProfileColumns profile_columns(const mesh::Grid& grid, const std::vector<mesh::Channel>& channels,
                               bool periodic);

struct ProfilePoint {
  double depth_um = 0.0;  // of the plane's centre below the skin surface
  int layer = 0;          // 1.. from the surface down
  double mean_mg_ml = 0.0;
  std::optional<double> channel_axis_mg_ml;
  std::optional<double> between_channels_mg_ml;
};

// One point per skin plane, from the surface down.
std::vector<ProfilePoint> depth_profile(const model::Problem& problem, const linear::Vector& u,
                                        const ProfileColumns& columns);

// The same for a case split over ranks (parallel/Block.hpp): `block` and `u` hold
// this rank's cells, the first of them at `offset` in `whole`, the case's mesh;
// `columns` are columns of the whole grid; `sum` adds the ranks' shares. Every
// rank gets the whole profile, equal to the undivided case's to rounding.
std::vector<ProfilePoint> depth_profile(const model::Problem& block, const linear::Vector& u,
                                        const ProfileColumns& columns,
                                        const mesh::LayeredMesh& whole,
                                        const std::array<int, 3>& offset,
                                        const core::GlobalSum& sum);

}  // namespace dermaflux::analysis
