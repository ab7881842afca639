#pragma once
// One field snapshot as a VTK XML rectilinear grid (.vtr): coordinates in
// micrometres, raw appended binary (no base64, no compression), cell arrays
// `concentration` (tissue concentration, mg/mL), `potential` (u, mg/mL),
// `material` (int) and `channel_fraction` (0-1), plus field data TimeValue (h).

#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "meshes/Grid.hpp"

namespace dermaflux::io {

struct SnapshotArrays {
  std::span<const double> concentration_mg_ml;  // c = K u, one per cell
  std::span<const double> potential_mg_ml;      // u
  std::span<const int> material;                // 0 vehicle, 1..L skin layers top down
  std::span<const double> channel_fraction;     // open-channel volume fraction
};

// Writes atomically (temporary file + rename). Throws IoError. `k_offset` > 0: the
// grid is a slab of a larger one starting at that plane (a piece of a .pvtr), and
// the file's extent says so.
void write_vtr_snapshot(const std::filesystem::path& file, const mesh::Grid& grid,
                        const SnapshotArrays& arrays, double time_h, int k_offset = 0);

// One piece of a partitioned snapshot: planes [k_begin, k_end) of the whole grid
// in the .vtr `source` (relative to the .pvtr).
struct SnapshotPiece {
  int k_begin = 0;
  int k_end = 0;
  std::string source;
};

// The .pvtr that makes the pieces one data set for ParaView (VTK's parallel
// rectilinear-grid format), atomically. The pieces are written first.
void write_pvtr_index(const std::filesystem::path& file, const mesh::Grid& whole,
                      const std::vector<SnapshotPiece>& pieces);

// The same file complete under a temporary name beside `file`, returned, for the
// caller to place with place_temporary() (io/VtkXmlFile.hpp): the flush to disk
// can then wait on another thread.
std::filesystem::path write_vtr_snapshot_to_temporary(const std::filesystem::path& file,
                                                      const mesh::Grid& grid,
                                                      const SnapshotArrays& arrays, double time_h,
                                                      int k_offset = 0);

}  // namespace dermaflux::io
