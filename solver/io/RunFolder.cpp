#include "io/RunFolder.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <optional>
#include <sstream>
#include <system_error>

#include "core/Error.hpp"
#include "io/AtomicFile.hpp"
#include "io/FolderOwnership.hpp"
#include "io/VtkXmlFile.hpp"

namespace dermaflux::io {
namespace {

namespace fs = std::filesystem;

constexpr const char* kSummaryFile = "summary.json";
constexpr const char* kResolvedCaseFile = "case.resolved.yaml";
constexpr const char* kInterruptedFile = "INTERRUPTED.txt";
constexpr const char* kFailedFile = "FAILED.txt";
constexpr const char* kSnapshotFolder = "snapshots";

std::string snapshot_stem(const std::string& case_name, int index) {
  char digits[16];
  std::snprintf(digits, sizeof digits, "%04d", index);
  return case_name + "_" + digits;
}

std::string snapshot_name(const std::string& case_name, int index) {
  return snapshot_stem(case_name, index) + ".vtr";
}

// The file's bytes; nothing when it cannot be opened.
std::optional<std::string> read_if_there(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in) return std::nullopt;
  return bytes.str();
}

// A stream that failed mid-write (a full disk, a file-size limit) leaves the
// reason in errno; said as the system says it, with a hint when there is none.
[[noreturn]] void fail_stream(const fs::path& file) {
  const int error_number = errno;
  throw IoError("cannot write " + file.string() + ": " +
                (error_number != 0 ? std::generic_category().message(error_number)
                                   : std::string("the write failed (disk full?)")));
}

void remove_file(const fs::path& file) {
  std::error_code error;
  fs::remove(file, error);
  if (error) throw IoError("cannot remove " + file.string() + ": " + error.message());
}

}  // namespace

std::string read_file(const fs::path& file) {
  std::optional<std::string> bytes = read_if_there(file);
  if (!bytes) throw IoError("cannot read " + file.string());
  return std::move(*bytes);
}

bool holds_finished_run(const fs::path& folder, const std::string& resolved_case) {
  return fs::exists(folder / kSummaryFile) &&
         read_if_there(folder / kResolvedCaseFile) == std::optional(resolved_case);
}

RunFolder::RunFolder(fs::path directory, std::string case_name, const FolderOpening& opening)
    : directory_(std::move(directory)),
      case_name_(std::move(case_name)),
      pvd_(directory_ / (case_name_ + ".pvd")),
      resolved_case_(opening.resolved_case),
      resume_(opening.resume) {
  // Before anything is created or removed: a refused opening changes nothing, and a
  // --resume of a finished run must not unfinish it.
  check_folder_for_run(directory_, opening);
  if (opening.resume && !fs::exists(checkpoint_file()))
    throw UsageError("nothing to resume: " + checkpoint_file().string() +
                     " does not exist (run without --resume to start anew)");
  std::error_code error;
  fs::create_directories(directory_ / kSnapshotFolder, error);
  if (error)
    throw IoError("cannot create the output folder " + directory_.string() + ": " +
                  error.message());
  // A resumed run changes the folder only once its checkpoint has been read
  // (write_timeseries_header): a refused checkpoint leaves it as it was.
  if (!resume_) prepare_for_writing();
}

void RunFolder::prepare_for_writing() {
  // A previous run's results must not survive into this one: first the marker of
  // a finished run, then the files this run will rewrite.
  remove_file(directory_ / kSummaryFile);
  remove_file(directory_ / kInterruptedFile);
  remove_file(directory_ / kFailedFile);
  remove_file(pvd_.file());
  remove_leftover_temporaries(directory_);
  std::error_code error;
  if (!resume_) {
    remove_file(checkpoint_file());
    // A run split over ranks checkpoints one file per rank (run/Checkpoint.hpp);
    // another case's collection (--overwrite) goes too.
    for (const auto& entry : fs::directory_iterator(directory_, error)) {
      const std::string name = entry.path().filename().string();
      if (name.rfind("checkpoint.rank-", 0) == 0 || entry.path().extension() == ".pvd")
        remove_file(entry.path());
    }
    remove_file(directory_ / "channels.vtp");
    for (const auto& entry : fs::directory_iterator(directory_ / kSnapshotFolder, error))
      if (entry.path().extension() == ".vtr" || entry.path().extension() == ".pvtr")
        remove_file(entry.path());
  }
  write_file_atomically(directory_ / kResolvedCaseFile, resolved_case_);
}

void RunFolder::write_timeseries_header(const std::string& header) {
  if (resume_ && !opened_for_resume_) {
    prepare_for_writing();
    opened_for_resume_ = true;
  }
  const fs::path file = directory_ / "timeseries.csv";
  timeseries_.open(file, std::ios::out | std::ios::trunc);
  if (!timeseries_) fail_stream(file);
  append_timeseries_line(header);
}

void RunFolder::append_timeseries_line(const std::string& line) {
  timeseries_ << line << '\n';
  timeseries_.flush();
  if (!timeseries_) fail_stream(directory_ / "timeseries.csv");
}

void RunFolder::open_profiles(const std::string& header, std::size_t kept_blocks,
                              std::size_t block_lines) {
  const fs::path file = directory_ / "profiles.csv";
  std::vector<std::string> kept;
  if (kept_blocks > 0) {
    std::ifstream in(file);
    const std::size_t wanted = 1 + kept_blocks * block_lines;
    for (std::string line; kept.size() < wanted && std::getline(in, line);) kept.push_back(line);
    if (kept.size() < wanted || kept.front() != header)
      throw IoError("cannot resume: " + file.string() + " holds fewer output times than " +
                    "the checkpoint (run without --resume to start anew)");
  }
  profiles_.open(file, std::ios::out | std::ios::trunc);
  if (!profiles_) fail_stream(file);
  if (kept.empty()) kept.push_back(header);
  append_profile_lines(kept);
}

void RunFolder::append_profile_lines(const std::vector<std::string>& lines) {
  for (const std::string& line : lines) profiles_ << line << '\n';
  profiles_.flush();
  if (!profiles_) fail_stream(directory_ / "profiles.csv");
}

RunFolder::~RunFolder() {
  // A run that ends by an exception may leave a flush in flight: wait for it (its
  // error, if any, was not the first one and is dropped; its temporary is removed).
  if (placing_.valid()) placing_.wait();
}

void RunFolder::write_snapshot(int index, double time_h, const mesh::Grid& grid,
                               const SnapshotArrays& arrays) {
  settle_snapshot();
  const fs::path file = directory_ / kSnapshotFolder / snapshot_name(case_name_, index);
  const fs::path temporary = write_vtr_snapshot_to_temporary(file, grid, arrays, time_h);
  // The flush to disk (tens of ms for 10^6 cells) waits on its own thread while
  // the solver goes on; the snapshot joins the collection once it is in place.
  placing_ =
      std::async(std::launch::async, [temporary, file] { place_temporary(temporary, file); });
  placing_index_ = index;
  placing_time_h_ = time_h;
}

void RunFolder::settle_snapshot() {
  if (!placing_.valid()) return;
  std::future<void> placing = std::move(placing_);
  placing.get();  // rethrows the flush's IoError
  register_snapshot(placing_index_, placing_time_h_);
}

fs::path RunFolder::piece_file(const fs::path& directory, const std::string& case_name, int index,
                               int rank) {
  char digits[16];
  std::snprintf(digits, sizeof digits, "%04d", rank);
  return directory / kSnapshotFolder / (snapshot_stem(case_name, index) + "_" + digits + ".vtr");
}

void RunFolder::write_partitioned_snapshot(int index, double time_h, const mesh::Grid& whole,
                                           const std::vector<SnapshotPiece>& pieces) {
  settle_snapshot();
  const std::string name = snapshot_stem(case_name_, index) + ".pvtr";
  write_pvtr_index(directory_ / kSnapshotFolder / name, whole, pieces);
  pvd_.add(time_h, std::string(kSnapshotFolder) + "/" + name);
}

void RunFolder::register_snapshot(int index, double time_h, bool partitioned) {
  const std::string name =
      partitioned ? snapshot_stem(case_name_, index) + ".pvtr" : snapshot_name(case_name_, index);
  pvd_.add(time_h, std::string(kSnapshotFolder) + "/" + name);
}

// A checkpoint says which outputs are done: their snapshots must be in place first.
void RunFolder::write_checkpoint(const std::string& bytes) {
  write_checkpoint([&](const ByteSink& write) { write(bytes); });
}

void RunFolder::write_checkpoint(const std::function<void(const ByteSink&)>& produce) {
  settle_snapshot();
  write_file_atomically(checkpoint_file(), produce);
}

void RunFolder::mark_interrupted(const std::string& explanation) {
  settle_snapshot();
  write_file_atomically(directory_ / kInterruptedFile, explanation);
}

void RunFolder::mark_failed(const std::string& explanation) {
  std::string text = explanation;
  try {
    settle_snapshot();
  } catch (const IoError& e) {  // the run is failing already: say both
    text += std::string("\nThe last snapshot was lost too: ") + e.what() + "\n";
  }
  write_file_atomically(directory_ / kFailedFile, text);
}

void RunFolder::finish(const std::string& summary_json) {
  settle_snapshot();
  timeseries_.close();
  write_file_atomically(directory_ / kSummaryFile, summary_json);
  remove_file(checkpoint_file());
}

}  // namespace dermaflux::io
