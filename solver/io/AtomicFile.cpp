#include "io/AtomicFile.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <string>
#include <system_error>
#include <utility>

#include "core/Error.hpp"

namespace dermaflux::io {
namespace {

// std::strerror is not thread-safe; the generic category gives the same text.
std::string reason(int error_number) {
  return std::generic_category().message(error_number);
}

[[noreturn]] void fail_write(const std::filesystem::path& file, int error_number) {
  throw IoError("cannot write '" + file.string() + "': " + reason(error_number));
}

// Closes the descriptor and removes the temporary file unless released: every early
// exit, including an exception, leaves no stray temporary behind.
class TemporaryFile {
 public:
  TemporaryFile(std::filesystem::path path, int descriptor)
      : path_(std::move(path)), descriptor_(descriptor) {}
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;
  ~TemporaryFile() {
    if (descriptor_ >= 0) ::close(descriptor_);
    if (!released_) ::unlink(path_.c_str());
  }

  int descriptor() const { return descriptor_; }
  // Close errors matter (NFS and some quotas report write failures only here).
  int close() {
    const int status = ::close(descriptor_);
    descriptor_ = -1;
    return status;
  }
  void release() { released_ = true; }

 private:
  std::filesystem::path path_;
  int descriptor_;
  bool released_ = false;
};

void write_all(int descriptor, std::string_view content, const std::filesystem::path& file) {
  while (!content.empty()) {
    const ssize_t written = ::write(descriptor, content.data(), content.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      fail_write(file, errno);
    }
    content.remove_prefix(static_cast<std::size_t>(written));
  }
}

[[noreturn]] void fail_replace(const std::filesystem::path& from, const std::filesystem::path& to,
                               int error_number) {
  throw IoError("cannot replace '" + to.string() + "' with '" + from.string() +
                "': " + reason(error_number));
}

}  // namespace

std::filesystem::path temporary_path_for(const std::filesystem::path& file) {
  // pid + counter keep concurrent runs and threads apart; the leading dot hides the
  // temporary from globs such as *.vtr and from ParaView's file dialog.
  static std::atomic<unsigned long> counter{0};
  std::string name = ".";  // appended piecewise: GCC 12 misreads "." + string (-Wrestrict)
  name += file.filename().string();
  name += ".tmp." + std::to_string(::getpid()) + "." + std::to_string(counter.fetch_add(1));
  return file.parent_path() / name;
}

void write_file_atomically(const std::filesystem::path& file, std::string_view content) {
  write_file_atomically(file, [&](const ByteSink& write) { write(content); });
}

void write_file_atomically(const std::filesystem::path& file,
                           const std::function<void(const ByteSink&)>& produce) {
  const std::filesystem::path temporary = temporary_path_for(file);
  const int descriptor = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (descriptor < 0) fail_write(file, errno);
  TemporaryFile guard(temporary, descriptor);

  produce([&](std::string_view piece) { write_all(guard.descriptor(), piece, file); });
  if (::fsync(guard.descriptor()) != 0) fail_write(file, errno);
  if (guard.close() != 0) fail_write(file, errno);
  if (::rename(temporary.c_str(), file.c_str()) != 0) fail_write(file, errno);
  guard.release();
}

void replace_file(const std::filesystem::path& from, const std::filesystem::path& to) {
  // Without the data on disk before the rename, a power cut could leave the final
  // name pointing at an empty file on some file systems.
  const int descriptor = ::open(from.c_str(), O_RDONLY | O_CLOEXEC);
  if (descriptor < 0) fail_replace(from, to, errno);
  const int status = ::fsync(descriptor);
  const int error_number = errno;
  ::close(descriptor);
  if (status != 0) fail_replace(from, to, error_number);
  if (::rename(from.c_str(), to.c_str()) != 0) fail_replace(from, to, errno);
}

}  // namespace dermaflux::io
