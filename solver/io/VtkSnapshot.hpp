#pragma once
// One field snapshot as a VTK XML rectilinear grid (.vtr): coordinates in
// micrometres, raw appended binary (no base64, no compression), cell arrays
// `concentration` (tissue concentration, mg/mL), `potential` (u, mg/mL),
// `material` (int) and `channel_fraction` (0-1), plus field data TimeValue (h).

#include <filesystem>
#include <span>

#include "meshes/Grid.hpp"

namespace dermaflux::io {

struct SnapshotArrays {
  std::span<const double> concentration_mg_ml;  // c = K u, one per cell
  std::span<const double> potential_mg_ml;      // u
  std::span<const int> material;                // 0 vehicle, 1..L skin layers top down
  std::span<const double> channel_fraction;     // open-channel volume fraction
};

// Writes atomically (temporary file + rename). Throws IoError.
void write_vtr_snapshot(const std::filesystem::path& file, const mesh::Grid& grid,
                        const SnapshotArrays& arrays, double time_h);

// The same file complete under a temporary name beside `file`, returned, for the
// caller to place with place_temporary() (io/VtkXmlFile.hpp): the flush to disk
// can then wait on another thread.
std::filesystem::path write_vtr_snapshot_to_temporary(const std::filesystem::path& file,
                                                      const mesh::Grid& grid,
                                                      const SnapshotArrays& arrays, double time_h);

}  // namespace dermaflux::io
