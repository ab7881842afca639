#pragma once
// The output folder of one run (CASE_FORMAT.md, "Outputs"):
//   case.resolved.yaml  timeseries.csv  <name>.pvd  snapshots/<name>_NNNN.vtr  summary.json
// summary.json is written last and atomically: its presence means the run
// finished. Opening a folder first removes a previous run's summary.json, so a
// new run that is interrupted never looks finished; every row and snapshot is
// flushed as soon as it exists, so nothing finished is lost.

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "io/PvdCollection.hpp"
#include "io/VtkSnapshot.hpp"

namespace dermaflux::io {

class RunFolder {
 public:
  // Throws IoError if the folder cannot be created or written.
  RunFolder(std::filesystem::path directory, std::string case_name);

  const std::filesystem::path& directory() const { return directory_; }
  std::filesystem::path pvd_file() const { return pvd_.file(); }

  void write_resolved_case(const std::string& yaml);
  void write_timeseries_header(const std::string& header);
  void append_timeseries_line(const std::string& line);
  void write_snapshot(int index, double time_h, const mesh::Grid& grid,
                      const SnapshotArrays& arrays);
  // Writes summary.json (atomically, last).
  void finish(const std::string& summary_json);

 private:
  std::filesystem::path directory_;
  std::string case_name_;
  PvdCollection pvd_;
  std::ofstream timeseries_;
};

}  // namespace dermaflux::io
