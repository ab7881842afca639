#pragma once
// A snapshot of a case split over ranks (parallel/Block.hpp) is written in
// pieces: every rank writes its block of cells to a .vtr of its own
// (RunFolder::piece_file), and once all are in place the folder's owner lists
// them in snapshots/<name>_NNNN.pvtr (RunFolder::write_partitioned_snapshot),
// which ParaView reads as one data set.

#include <filesystem>
#include <string>
#include <vector>

#include "io/VtkSnapshot.hpp"
#include "meshes/Grid.hpp"

namespace dermaflux::io {

class SnapshotPieces {
 public:
  // `blocks`: every rank's block of the whole grid (offset and cells; the source
  // is named here), in rank order; this process is rank `rank`.
  SnapshotPieces(std::filesystem::path directory, std::string case_name,
                 std::vector<SnapshotPiece> blocks, int rank);

  // This rank's piece of snapshot `index`: `grid` and `arrays` hold its block's
  // cells. Atomically; throws IoError.
  void write_mine(int index, double time_h, const mesh::Grid& grid,
                  const SnapshotArrays& arrays) const;

  // Every rank's piece of snapshot `index`, as its .pvtr lists them.
  std::vector<SnapshotPiece> all(int index) const;

 private:
  std::filesystem::path directory_;
  std::string case_name_;
  std::vector<SnapshotPiece> blocks_;
  int rank_ = 0;
};

}  // namespace dermaflux::io
