#pragma once
// The ParaView collection file (<name>.pvd) that makes the snapshots one time
// series. Rewritten atomically after every snapshot, so an interrupted run leaves
// a valid collection of the snapshots written so far.

#include <filesystem>
#include <string>
#include <vector>

namespace dermaflux::io {

class PvdCollection {
 public:
  explicit PvdCollection(std::filesystem::path pvd_file);

  // Appends a data set (path relative to the .pvd's folder) at `time_h` and
  // rewrites the collection. Throws IoError.
  void add(double time_h, const std::string& relative_file);

  const std::filesystem::path& file() const { return pvd_file_; }

 private:
  struct Entry {
    double time_h;
    std::string relative_file;
  };
  std::filesystem::path pvd_file_;
  std::vector<Entry> entries_;
};

}  // namespace dermaflux::io
