#pragma once
// An output folder belongs to one dermaflux process at a time: an advisory lock
// (flock) on a file in it, holding the owner's process id and host. A second run,
// compare or batch into the same folder is refused at once, naming the holder;
// the first goes on undisturbed. The lock ends with the process (even killed:
// the system releases it), so a stale file never blocks anyone.

#include <filesystem>
#include <string>

namespace dermaflux::io {

inline constexpr const char* kLockFile = ".dermaflux.lock";

class FolderLock {
 public:
  // Creates `directory` if needed and takes `lock_name` in it. UsageError when
  // another process holds it (its id and host in the message), IoError when the
  // file cannot be made (a symbolic link in its place is refused).
  explicit FolderLock(const std::filesystem::path& directory,
                      const std::string& lock_name = kLockFile);
  // Removes the file, then lets go: a finished folder holds no trace of the lock,
  // and a folder it created for a run refused before writing anything goes too.
  ~FolderLock();
  FolderLock(const FolderLock&) = delete;
  FolderLock& operator=(const FolderLock&) = delete;

 private:
  std::filesystem::path directory_;
  std::filesystem::path file_;
  int descriptor_ = -1;
  bool created_directory_ = false;  // removed again if nothing was written into it
};

}  // namespace dermaflux::io
