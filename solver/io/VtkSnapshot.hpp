#pragma once
// One field snapshot as a VTK XML rectilinear grid (.vtr): coordinates in
// micrometres, raw appended binary (no base64, no compression), cell arrays
// `concentration` (tissue concentration, mg/mL), `potential` (u, mg/mL),
// `material` (int) and `channel_fraction` (0-1), plus field data TimeValue (h).

#include <array>
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

// The index of a grid's first cell along x, y, z in a larger grid it is a block
// of (a piece of a .pvtr); zeros for a grid of its own.
using CellOffset = std::array<int, 3>;

// Writes atomically (temporary file + rename). Throws IoError. With an offset the
// file's extent places the grid in the larger one.
void write_vtr_snapshot(const std::filesystem::path& file, const mesh::Grid& grid,
                        const SnapshotArrays& arrays, double time_h, CellOffset offset = {});

// One piece of a partitioned snapshot: the block of cells from `offset`, `cells`
// along x, y, z, of the whole grid, in the .vtr `source` (relative to the .pvtr).
struct SnapshotPiece {
  CellOffset offset{0, 0, 0};
  std::array<int, 3> cells{0, 0, 0};
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
                                                      CellOffset offset = {});

}  // namespace dermaflux::io
