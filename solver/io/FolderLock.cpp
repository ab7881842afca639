#include "io/FolderLock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

#include "core/Error.hpp"

namespace dermaflux::io {
namespace {

namespace fs = std::filesystem;

std::string reason(int error_number) {
  return std::generic_category().message(error_number);
}

// "process 1234 on host node7", or less when the holder has not written it yet.
std::string holder_of(int descriptor) {
  char text[256] = {};
  const ssize_t length = ::pread(descriptor, text, sizeof text - 1, 0);
  std::string holder = length > 0 ? std::string(text, static_cast<std::size_t>(length)) : "";
  while (!holder.empty() && (holder.back() == '\n' || holder.back() == ' ')) holder.pop_back();
  return holder.empty() ? "another process" : holder;
}

// The descriptor still names the file in the folder (its holder did not remove it
// between our open and our lock).
bool still_in_place(int descriptor, const fs::path& file) {
  struct stat held {};
  struct stat named {};
  return ::fstat(descriptor, &held) == 0 && ::stat(file.c_str(), &named) == 0 &&
         held.st_dev == named.st_dev && held.st_ino == named.st_ino;
}

}  // namespace

FolderLock::FolderLock(const fs::path& directory, const std::string& lock_name)
    : directory_(directory), file_(directory / lock_name) {
  std::error_code error;
  created_directory_ = !fs::exists(directory);
  fs::create_directories(directory, error);
  if (error)
    throw IoError("cannot create the output folder " + directory.string() + ": " + error.message());
  for (int attempt = 0; attempt < 100; ++attempt) {
    const int descriptor = ::open(file_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (descriptor < 0) {
      const int error_number = errno;
      if (error_number == ELOOP)
        throw UsageError(file_.string() +
                         " is a symbolic link: dermaflux never writes through links in its "
                         "output folder; remove it");
      throw IoError("cannot create the lock file " + file_.string() + ": " + reason(error_number));
    }
    if (::flock(descriptor, LOCK_EX | LOCK_NB) != 0) {
      const int error_number = errno;
      const std::string holder = holder_of(descriptor);
      ::close(descriptor);
      if (error_number != EWOULDBLOCK)
        throw IoError("cannot lock " + file_.string() + ": " + reason(error_number));
      throw UsageError(directory.string() + " is in use by dermaflux " + holder + " (it holds " +
                       file_.string() +
                       "): wait for it to end, or write to another folder with --output");
    }
    if (!still_in_place(descriptor, file_)) {
      ::close(descriptor);  // its holder removed it as it ended: take the new one
      continue;
    }
    descriptor_ = descriptor;
    char host[256] = {};
    ::gethostname(host, sizeof host - 1);
    const std::string holder =
        "process " + std::to_string(::getpid()) + " on host " + std::string(host) + "\n";
    if (::ftruncate(descriptor_, 0) != 0 ||
        ::pwrite(descriptor_, holder.data(), holder.size(), 0) < 0) {
      // The lock holds without the note; a refused process says "another process".
    }
    return;
  }
  throw IoError("cannot lock " + file_.string() + ": it keeps being replaced");
}

FolderLock::~FolderLock() {
  if (descriptor_ < 0) return;
  ::unlink(file_.c_str());
  ::close(descriptor_);
  if (created_directory_) ::rmdir(directory_.c_str());  // fails, as it should, unless empty
}

}  // namespace dermaflux::io
