#pragma once
// The output folder of one run (CASE_FORMAT.md, "Outputs"):
//   case.resolved.yaml  timeseries.csv  <name>.pvd  snapshots/<name>_NNNN.vtr
//   channels.vtp  summary.json
// and, while a run is unfinished, checkpoint.bin and (after an interruption)
// INTERRUPTED.txt saying how far it got and how to resume, or (after a numerical
// failure) FAILED.txt saying why.
//
// summary.json is written last and atomically: its presence means the run
// finished. Opening a folder for a new run first removes a previous run's
// summary.json, so a new run that is interrupted never looks finished; every row
// and snapshot is flushed as soon as it exists, so nothing finished is lost.

#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <string>
#include <vector>

#include "io/ByteSink.hpp"
#include "io/PvdCollection.hpp"
#include "io/VtkSnapshot.hpp"

namespace dermaflux::io {

// The whole of a file of the folder (a checkpoint), as bytes; IoError when it
// cannot be read.
std::string read_file(const std::filesystem::path& file);

// The folder holds a finished run (summary.json) whose case.resolved.yaml is
// `resolved_case`: the same case, the same end time, the same everything.
bool holds_finished_run(const std::filesystem::path& folder, const std::string& resolved_case);

struct FolderOpening {
  std::string resolved_case;  // this run's case.resolved.yaml
  bool resume = false;        // continue a checkpointed run: keep its snapshots
  bool overwrite = false;     // replace a finished run of a different case
};

class RunFolder {
 public:
  // Throws IoError if the folder cannot be created or written, UsageError if it is
  // not this run's to write (io/FolderOwnership.hpp: another case's run, files
  // dermaflux does not write, symbolic links, a checkpoint of another case).
  RunFolder(std::filesystem::path directory, std::string case_name, const FolderOpening& opening);
  ~RunFolder();
  RunFolder(const RunFolder&) = delete;
  RunFolder& operator=(const RunFolder&) = delete;

  const std::filesystem::path& directory() const { return directory_; }
  std::filesystem::path pvd_file() const { return pvd_.file(); }
  std::filesystem::path checkpoint_file() const { return directory_ / "checkpoint.bin"; }

  void write_timeseries_header(const std::string& header);
  void append_timeseries_line(const std::string& line);
  // profiles.csv: the header, then blocks of lines, one per output. Resuming keeps
  // the first `kept_blocks` blocks of `block_lines` lines each already on disk (the
  // outputs before the checkpoint) and drops the rest; IoError if they are not there.
  void open_profiles(const std::string& header, std::size_t kept_blocks, std::size_t block_lines);
  void append_profile_lines(const std::vector<std::string>& lines);
  // Writes the snapshot now and flushes it to disk on another thread; it joins the
  // collection (the .pvd) when the next snapshot, checkpoint, marker or the summary
  // is written, each of which waits for it first and rethrows its IoError.
  void write_snapshot(int index, double time_h, const mesh::Grid& grid,
                      const SnapshotArrays& arrays);
  // A case split over ranks: each rank writes its block to piece_file() (with
  // write_vtr_snapshot), then the folder's owner lists the pieces in
  // snapshots/<name>_NNNN.pvtr, which joins the collection.
  static std::filesystem::path piece_file(const std::filesystem::path& directory,
                                          const std::string& case_name, int index, int rank);
  void write_partitioned_snapshot(int index, double time_h, const mesh::Grid& whole,
                                  const std::vector<SnapshotPiece>& pieces);
  // Lists an already written snapshot (a partitioned one's .pvtr) in the
  // collection again (resume).
  void register_snapshot(int index, double time_h, bool partitioned = false);
  void write_checkpoint(const std::string& bytes);
  // The checkpoint as `produce` streams it (io/AtomicFile.hpp).
  void write_checkpoint(const std::function<void(const ByteSink&)>& produce);
  void mark_interrupted(const std::string& explanation);
  // FAILED.txt: why the run stopped; what it wrote so far stays.
  void mark_failed(const std::string& explanation);
  // Writes summary.json (atomically, last) and removes the checkpoint.
  void finish(const std::string& summary_json);

 private:
  std::filesystem::path directory_;
  std::string case_name_;
  PvdCollection pvd_;
  std::ofstream timeseries_;
  std::ofstream profiles_;
  // The snapshot being flushed and renamed into place, and its collection entry.
  std::future<void> placing_;
  int placing_index_ = 0;
  double placing_time_h_ = 0.0;
  std::string resolved_case_;
  bool resume_ = false;
  bool opened_for_resume_ = false;
  void settle_snapshot();
  // Removes a previous run's markers and (unless resuming) its outputs, writes
  // case.resolved.yaml.
  void prepare_for_writing();
};

}  // namespace dermaflux::io
