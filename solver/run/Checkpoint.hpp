#pragma once
// The checkpoint of a run: the complete state needed to continue it so that the
// finished outputs are byte-identical to an uninterrupted run — the integrator
// (field, amount history, step size, counters, boundary amounts), how far the
// outputs and the channel closure have got, and the rows measured so far. Tied
// to its case by a fingerprint of the resolved case, and written atomically with
// a checksum (io/BinaryArchive.hpp).

#include <array>
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "analysis/Inventory.hpp"
#include "io/ByteSink.hpp"
#include "io/RunFolder.hpp"
#include "parallel/Block.hpp"
#include "parallel/RankGroup.hpp"
#include "timestep/Bdf2Integrator.hpp"

namespace dermaflux::run {

struct RunCheckpoint {
  std::string case_fingerprint;  // fingerprint() of the resolved case YAML
  std::size_t next_output = 0;   // index into the case's output times
  double wall_s = 0.0;           // wall time spent before this checkpoint
  std::vector<analysis::InventoryRow> rows;
  timestep::IntegratorState integrator;
};

// A short hexadecimal fingerprint of a text (the resolved case).
std::string fingerprint(const std::string& text);

// Streams the checkpoint to `sink` as it is serialised, with the integrator's
// state given apart (Bdf2Integrator::lend_state): its fields go out from where
// they live, in chunks, never copied whole (checkpoint.integrator is not read).
void serialize(const RunCheckpoint& checkpoint, const timestep::IntegratorState& integrator,
               const io::ByteSink& sink);
// The same bytes, whole.
std::string serialize(const RunCheckpoint& checkpoint);
// Throws IoError naming `label` on a damaged or foreign file. From a stream (a
// file) the fields are read straight into the state, never held whole twice.
RunCheckpoint deserialize(std::istream& in, const std::string& label);
RunCheckpoint deserialize(std::string bytes, const std::string& label);

// checkpoint.bin in an output folder.
std::filesystem::path checkpoint_file(const std::filesystem::path& output_dir);

// A run split over ranks (parallel/Block.hpp) checkpoints one file per rank
// (its block's state, in the format above) in one of two generations, and then
// checkpoint.bin, a few lines of text, names the generation that is complete: a
// run killed while writing the other generation resumes from this one.
struct SplitCheckpoint {
  int ranks = 1;
  std::array<int, 3> parts{1, 1, 1};  // the blocks along x, y, z
  int generation = 0;                 // 0 or 1
};
std::string write_split_manifest(const SplitCheckpoint& manifest);
// nullopt: the bytes are not such a manifest (a one-process checkpoint).
std::optional<SplitCheckpoint> read_split_manifest(const std::string& bytes);
// checkpoint.rank-RRRR.gen-G.bin
std::filesystem::path split_checkpoint_file(const std::filesystem::path& output_dir, int rank,
                                            int generation);

// Where and when a run's checkpoints go: on one process checkpoint.bin holds the
// state; split over ranks every rank writes its part in the other generation, and
// checkpoint.bin names it once all are in place. Every rank holds one, and calls
// each member at the same point (they agree through `ranks`).
class Checkpoints {
 public:
  // `interval_s`: RunOptions::checkpoint_interval_s. `block` and `ranks` must
  // outlive this.
  Checkpoints(std::filesystem::path output_dir, double interval_s, const parallel::Block& block,
              const parallel::RankGroup& ranks);

  // Whether to checkpoint now, `after_s` after the last one (or the start):
  // never when the interval is not positive; rank 0's clock decides for every rank.
  bool due(double after_s) const;

  // Writes the newest checkpoint as `produce` streams it (serialize()) to the sink
  // it is given. `folder`: rank 0's, nullptr on the other ranks.
  void write(const std::function<void(const io::ByteSink&)>& produce, io::RunFolder* folder);

  // The state this rank resumes from, of the case with `case_fingerprint`. Every
  // rank reads checkpoint.bin (on a file system all ranks see). UsageError when
  // there is none, when it belongs to another case or to a run split otherwise,
  // or when any rank cannot read its part.
  RunCheckpoint read(const std::string& case_fingerprint);

  // Once the run has finished: this rank's part files (split over ranks).
  void remove_rank_files() const;

 private:
  void check_split_matches(const std::filesystem::path& file,
                           const std::optional<SplitCheckpoint>& manifest) const;
  RunCheckpoint read_own_part(const SplitCheckpoint& manifest) const;

  using Clock = std::chrono::steady_clock;
  std::filesystem::path output_dir_;
  double interval_s_;
  const parallel::Block& block_;
  const parallel::RankGroup& ranks_;
  Clock::time_point last_written_ = Clock::now();
  int generation_ = 1;  // split over ranks: of the last checkpoint (the first writes 0)
};

}  // namespace dermaflux::run
