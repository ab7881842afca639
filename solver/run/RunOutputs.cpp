#include "run/RunOutputs.hpp"

#include <exception>

#include "core/Error.hpp"
#include "io/ChannelsVtp.hpp"
#include "io/RunCsv.hpp"
#include "timestep/FilmCompartment.hpp"

namespace dermaflux::run {
namespace {

bool periodic(const model::Problem& problem) {
  return problem.sides == model::SideBoundary::Periodic;
}

// Every rank's block of the whole grid, in rank order.
std::vector<io::SnapshotPiece> all_blocks(const parallel::Block& block) {
  std::vector<io::SnapshotPiece> blocks;
  for (int rank = 0; rank < block.ranks; ++rank) {
    const parallel::Block b = parallel::block_of_rank(block.whole, block.parts, rank);
    blocks.push_back({b.first_cell(), b.cell_counts(), {}});
  }
  return blocks;
}

}  // namespace

RunOutputs::RunOutputs(const input::Case& c, const RunOptions& options,
                       const std::string& resolved_case, std::vector<std::string> layer_names,
                       const mesh::LayeredMesh& whole_mesh, const parallel::Block& block,
                       const parallel::RankGroup& ranks, const BlockSystem& numerics)
    : case_(c),
      options_(options),
      resolved_case_(resolved_case),
      layer_names_(std::move(layer_names)),
      whole_mesh_(whole_mesh),
      block_(block),
      ranks_(ranks),
      numerics_(numerics) {}

void RunOutputs::open() {
  std::exception_ptr error;
  if (ranks_.is_root()) {
    try {
      folder_ = std::make_unique<io::RunFolder>(
          options_.output_dir, case_.name,
          io::FolderOpening{resolved_case_, options_.resume, options_.overwrite});
    } catch (...) {
      error = std::current_exception();
    }
  }
  const bool failed = ranks_.any(error != nullptr);
  if (error) std::rethrow_exception(error);
  // Rank 0 says why; the others stop with it, quietly.
  if (failed)
    throw UsageError("rank 0 could not open the output folder " + options_.output_dir.string());

  const model::Problem& problem = numerics_.problem();
  if (case_.output.vtk && ranks_.split())
    pieces_.emplace(options_.output_dir, case_.name, all_blocks(block_), block_.rank);
  profile_columns_ =
      analysis::profile_columns(whole_mesh_.grid, numerics_.channels(), periodic(problem));
}

void RunOutputs::start(const std::vector<analysis::InventoryRow>& rows) {
  if (!folder_) return;
  const auto& channels = numerics_.channels();
  if (!channels.empty() && !options_.resume)
    io::write_channels_vtp(options_.output_dir / "channels.vtp", channels,
                           periodic(numerics_.problem()), case_.domain.width_m,
                           case_.domain.length_m);
  folder_->write_timeseries_header(
      io::timeseries_header(layer_names_, timestep::has_film_compartment(case_.serum)));
  std::size_t skin_planes = 0;
  for (int material : whole_mesh_.plane_material) skin_planes += material >= 1 ? 1 : 0;
  folder_->open_profiles(io::profiles_header(), rows.size(), skin_planes);
  for (std::size_t n = 0; n < rows.size(); ++n) {
    folder_->append_timeseries_line(io::timeseries_line(rows[n]));
    if (case_.output.vtk)
      folder_->register_snapshot(static_cast<int>(n), rows[n].time_h, ranks_.split());
  }
}

void RunOutputs::record(const analysis::InventoryRow& row, int index, const linear::Vector& u) {
  const model::Problem& problem = numerics_.problem();
  const auto profile = ranks_.split()
                           ? analysis::depth_profile(problem, u, profile_columns_, whole_mesh_,
                                                     block_.first_cell(), ranks_.global_sum())
                           : analysis::depth_profile(problem, u, profile_columns_);
  if (folder_) {
    folder_->append_timeseries_line(io::timeseries_line(row));
    folder_->append_profile_lines(io::profile_lines(row.time_h, profile, layer_names_));
  }
  if (!case_.output.vtk) return;
  const SnapshotBuffers buffers(problem, u);
  const io::SnapshotArrays arrays = buffers.arrays(problem, u);
  if (!pieces_) {
    folder_->write_snapshot(index, row.time_h, problem.mesh.grid, arrays);
    return;
  }
  // Every rank its piece; once all are in place, rank 0 lists them.
  pieces_->write_mine(index, row.time_h, problem.mesh.grid, arrays);
  ranks_.barrier();
  if (folder_)
    folder_->write_partitioned_snapshot(index, row.time_h, whole_mesh_.grid, pieces_->all(index));
}

void RunOutputs::mark_failed(const std::string& why) {
  if (!folder_) return;
  folder_->mark_failed(std::string("This run of case ") + case_.name + " failed: " + why +
                       "\nEverything written before the failure is kept; the last "
                       "checkpoint (if any) is in checkpoint.bin.\n");
}

}  // namespace dermaflux::run
