#pragma once
// A small, explicit binary format for checkpoints: little-endian PODs, strings and
// double arrays appended in order, closed by a 64-bit FNV-1a checksum of every
// byte before it (the same bytes whether written whole or streamed in chunks). Reading checks
// bounds and the checksum, so a truncated or corrupted file is refused instead of restoring
// garbage.

#include <algorithm>
#include <cstdint>
#include <istream>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/Error.hpp"
#include "io/ByteSink.hpp"

namespace dermaflux::io {

// FNV-1a, 64 bit (Fowler, Noll, Vo): simple, fast, good enough to detect damage.
// `hash`: of the bytes before these (the hash of a whole, continued piece by piece).
inline constexpr std::uint64_t kFnv1a64Start = 0xcbf29ce484222325ull;
inline std::uint64_t fnv1a64(std::string_view bytes, std::uint64_t hash = kFnv1a64Start) {
  for (unsigned char b : bytes) {
    hash ^= b;
    hash *= 0x100000001b3ull;
  }
  return hash;
}

// Writes an archive to a sink as it is made: PODs gather in a small buffer, and a
// double array goes out from where it lives in chunks, so that a field-sized
// checkpoint never has a field-sized copy (RESULTS.md, "Memory"). The checksum
// is kept as the bytes pass.
// The most either moves at once (a few milliseconds of disk; nothing field-sized).
inline constexpr std::size_t kArchiveChunkBytes = std::size_t{1} << 20;

class ArchiveWriter {
 public:
  explicit ArchiveWriter(ByteSink sink) : sink_(std::move(sink)) {}
  template <class T>
  void pod(const T& value) {
    static_assert(std::is_trivially_copyable_v<T>);
    put(reinterpret_cast<const char*>(&value), sizeof(T));
  }
  void text(std::string_view s) {
    pod<std::uint64_t>(s.size());
    put(s.data(), s.size());
  }
  void doubles(const double* data, std::size_t count) {
    pod<std::uint64_t>(count);
    put(reinterpret_cast<const char*>(data), count * sizeof(double));
  }
  // Appends the checksum and hands out what is left; the writer is spent.
  void finish() {
    const std::uint64_t sum = fnv1a64(buffered_, hash_);
    buffered_.append(reinterpret_cast<const char*>(&sum), sizeof sum);
    sink_(buffered_);
    buffered_.clear();
  }

 private:
  // Small pieces gather up to a chunk; a larger one (an array) goes out as it
  // lies, a chunk at a time.
  void put(const char* bytes, std::size_t count) {
    if (buffered_.size() + count <= kArchiveChunkBytes) {
      buffered_.append(bytes, count);
      return;
    }
    flush();
    if (count <= kArchiveChunkBytes) {
      buffered_.append(bytes, count);
      return;
    }
    for (std::size_t done = 0; done < count; done += kArchiveChunkBytes) {
      const std::string_view chunk(bytes + done, std::min(kArchiveChunkBytes, count - done));
      hash_ = fnv1a64(chunk, hash_);
      sink_(chunk);
    }
  }
  void flush() {
    hash_ = fnv1a64(buffered_, hash_);
    sink_(buffered_);
    buffered_.clear();
  }
  ByteSink sink_;
  std::string buffered_;
  std::uint64_t hash_ = kFnv1a64Start;
};

// Reads an archive from a stream (a file) in order: the checksum of the whole is
// checked first, a chunk at a time, then the values are read from the start, a
// double array straight into the memory that keeps it. Neither pass holds the
// archive whole in memory.
class ArchiveReader {
 public:
  // Throws IoError naming `label` when the checksum does not match.
  ArchiveReader(std::istream& in, std::string label) : in_(in), label_(std::move(label)) {
    in_.seekg(0, std::ios::end);
    const std::streamoff size = in_.tellg();
    if (size < static_cast<std::streamoff>(sizeof(std::uint64_t))) fail("it is too short");
    remaining_ = static_cast<std::size_t>(size) - sizeof(std::uint64_t);
    in_.seekg(0);
    std::uint64_t hash = kFnv1a64Start;
    std::string chunk;
    for (std::size_t done = 0; done < remaining_; done += chunk.size()) {
      chunk.resize(std::min(kArchiveChunkBytes, remaining_ - done));
      read(chunk.data(), chunk.size());
      hash = fnv1a64(chunk, hash);
    }
    std::uint64_t stored;
    read(reinterpret_cast<char*>(&stored), sizeof stored);
    if (hash != stored) fail("its checksum does not match (damaged or truncated)");
    in_.seekg(0);
  }
  template <class T>
  T pod() {
    static_assert(std::is_trivially_copyable_v<T>);
    T value;
    take(reinterpret_cast<char*>(&value), sizeof(T));
    return value;
  }
  std::string text() {
    const auto size = pod<std::uint64_t>();
    if (size > remaining_) fail("it ends early");
    std::string s(size, '\0');
    take(s.data(), size);
    return s;
  }
  // An array in two parts, so that the caller can read it into its own memory:
  // its length, then its values.
  std::size_t array_size() {
    const auto count = pod<std::uint64_t>();
    if (count > remaining_ / sizeof(double)) fail("an array is longer than the file");
    return static_cast<std::size_t>(count);
  }
  void array_values(double* into, std::size_t count) {
    take(reinterpret_cast<char*>(into), count * sizeof(double));
  }
  std::vector<double> doubles() {
    std::vector<double> values(array_size());
    array_values(values.data(), values.size());
    return values;
  }
  bool at_end() const { return remaining_ == 0; }
  [[noreturn]] void fail(const std::string& why) const {
    throw IoError("cannot use checkpoint " + label_ + ": " + why);
  }

 private:
  void take(char* into, std::size_t count) {
    if (count > remaining_) fail("it ends early");
    read(into, count);
    remaining_ -= count;
  }
  void read(char* into, std::size_t count) {
    if (count == 0) return;  // an empty vector's data() may be null
    if (!in_.read(into, static_cast<std::streamsize>(count))) fail("it cannot be read to its end");
  }
  std::istream& in_;
  std::string label_;
  std::size_t remaining_ = 0;  // bytes before the checksum not yet taken
};

}  // namespace dermaflux::io
