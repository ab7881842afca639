#include "io/RunFolder.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <system_error>

#include "core/Error.hpp"
#include "io/AtomicFile.hpp"

namespace dermaflux::io {
namespace {

namespace fs = std::filesystem;

constexpr const char* kSummaryFile = "summary.json";
constexpr const char* kSnapshotFolder = "snapshots";

std::string snapshot_name(const std::string& case_name, int index) {
  char digits[16];
  std::snprintf(digits, sizeof digits, "%04d", index);
  return case_name + "_" + digits + ".vtr";
}

}  // namespace

RunFolder::RunFolder(fs::path directory, std::string case_name)
    : directory_(std::move(directory)),
      case_name_(std::move(case_name)),
      pvd_(directory_ / (case_name_ + ".pvd")) {
  std::error_code error;
  fs::create_directories(directory_ / kSnapshotFolder, error);
  if (error)
    throw IoError("cannot create the output folder " + directory_.string() + ": " +
                  error.message());
  // A previous run's results must not survive into this one: first the marker of
  // a finished run, then the files this run will rewrite.
  fs::remove(directory_ / kSummaryFile, error);
  if (error)
    throw IoError("cannot remove " + (directory_ / kSummaryFile).string() + ": " + error.message());
  fs::remove(pvd_.file(), error);
  for (const auto& entry : fs::directory_iterator(directory_ / kSnapshotFolder, error)) {
    if (entry.path().extension() == ".vtr") fs::remove(entry.path(), error);
  }
}

void RunFolder::write_resolved_case(const std::string& yaml) {
  write_file_atomically(directory_ / "case.resolved.yaml", yaml);
}

void RunFolder::write_timeseries_header(const std::string& header) {
  const fs::path file = directory_ / "timeseries.csv";
  timeseries_.open(file, std::ios::out | std::ios::trunc);
  if (!timeseries_) throw IoError("cannot write " + file.string() + ": " + std::strerror(errno));
  append_timeseries_line(header);
}

void RunFolder::append_timeseries_line(const std::string& line) {
  timeseries_ << line << '\n';
  timeseries_.flush();
  if (!timeseries_)
    throw IoError("cannot write " + (directory_ / "timeseries.csv").string() + " (disk full?)");
}

void RunFolder::write_snapshot(int index, double time_h, const mesh::Grid& grid,
                               const SnapshotArrays& arrays) {
  const std::string relative =
      std::string(kSnapshotFolder) + "/" + snapshot_name(case_name_, index);
  write_vtr_snapshot(directory_ / relative, grid, arrays, time_h);
  pvd_.add(time_h, relative);
}

void RunFolder::finish(const std::string& summary_json) {
  timeseries_.close();
  write_file_atomically(directory_ / kSummaryFile, summary_json);
}

}  // namespace dermaflux::io
