#include "io/SnapshotPieces.hpp"

#include "io/RunFolder.hpp"

namespace dermaflux::io {

SnapshotPieces::SnapshotPieces(std::filesystem::path directory, std::string case_name,
                               std::vector<SnapshotPiece> blocks, int rank)
    : directory_(std::move(directory)),
      case_name_(std::move(case_name)),
      blocks_(std::move(blocks)),
      rank_(rank) {}

void SnapshotPieces::write_mine(int index, double time_h, const mesh::Grid& grid,
                                const SnapshotArrays& arrays) const {
  write_vtr_snapshot(RunFolder::piece_file(directory_, case_name_, index, rank_), grid, arrays,
                     time_h, blocks_.at(static_cast<std::size_t>(rank_)).offset);
}

std::vector<SnapshotPiece> SnapshotPieces::all(int index) const {
  std::vector<SnapshotPiece> pieces = blocks_;
  for (std::size_t rank = 0; rank < pieces.size(); ++rank)
    pieces[rank].source =
        RunFolder::piece_file({}, case_name_, index, static_cast<int>(rank)).filename().string();
  return pieces;
}

}  // namespace dermaflux::io
