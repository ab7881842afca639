#pragma once
// What a run writes as it goes (RunOptions::output_dir): rank 0's output folder
// (io/RunFolder: timeseries.csv, profiles.csv, snapshots, markers, the summary)
// and, split over ranks, every rank's piece of each snapshot. Every rank holds
// one and calls each member at the same point.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analysis/DepthProfile.hpp"
#include "analysis/Inventory.hpp"
#include "input/Case.hpp"
#include "io/RunFolder.hpp"
#include "io/SnapshotPieces.hpp"
#include "run/BlockSystem.hpp"
#include "run/Simulation.hpp"
#include "run/SnapshotBuffers.hpp"

namespace dermaflux::run {

class RunOutputs {
 public:
  // All but `layer_names` must outlive this.
  RunOutputs(const input::Case& c, const RunOptions& options, const std::string& resolved_case,
             std::vector<std::string> layer_names, const mesh::LayeredMesh& whole_mesh,
             const parallel::Block& block, const parallel::RankGroup& ranks,
             const BlockSystem& numerics);

  // Opens the folder on rank 0; the other ranks wait until it exists (they write
  // their snapshot pieces into it) and learn whether it could be opened. Before a
  // resume reads the checkpoint.
  void open();
  // The files' beginnings: channels.vtp (a new run), the CSV headers, and the
  // outputs of `rows`, measured before a resumed run's checkpoint.
  void start(const std::vector<analysis::InventoryRow>& rows);
  // Output number `index`: its lines of the CSV files and its snapshot.
  void record(const analysis::InventoryRow& row, int index, const linear::Vector& u);

  io::RunFolder* folder() { return folder_.get(); }  // rank 0's; nullptr on the others
  // FAILED.txt: why the run stopped (rank 0).
  void mark_failed(const std::string& why);

 private:
  const input::Case& case_;
  const RunOptions& options_;
  const std::string& resolved_case_;
  std::vector<std::string> layer_names_;
  const mesh::LayeredMesh& whole_mesh_;
  const parallel::Block& block_;
  const parallel::RankGroup& ranks_;
  const BlockSystem& numerics_;
  std::unique_ptr<io::RunFolder> folder_;
  std::optional<io::SnapshotPieces> pieces_;  // split over ranks
  analysis::ProfileColumns profile_columns_;  // profiles.csv: axis and between columns
};

}  // namespace dermaflux::run
