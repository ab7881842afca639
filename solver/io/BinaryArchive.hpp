#pragma once
// A small, explicit binary format for checkpoints: little-endian PODs, strings and
// double arrays appended in order, closed by a 64-bit FNV-1a checksum of every
// byte before it (the same bytes whether written whole or streamed in chunks). Reading checks
// bounds and the checksum, so a truncated or corrupted file is refused instead of restoring
// garbage.

#include <algorithm>
#include <cstdint>
#include <cstring>
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
  static constexpr std::size_t kChunkBytes = std::size_t{1} << 20;
  void put(const char* bytes, std::size_t count) {
    if (buffered_.size() + count <= kChunkBytes) {
      buffered_.append(bytes, count);
      return;
    }
    flush();
    if (count <= kChunkBytes) {
      buffered_.append(bytes, count);
      return;
    }
    for (std::size_t done = 0; done < count; done += kChunkBytes) {
      const std::string_view chunk(bytes + done, std::min(kChunkBytes, count - done));
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

class ArchiveReader {
 public:
  // Throws IoError naming `label` when the checksum does not match.
  ArchiveReader(std::string bytes, std::string label) : label_(std::move(label)) {
    if (bytes.size() < sizeof(std::uint64_t)) fail("it is too short");
    std::uint64_t stored;
    std::memcpy(&stored, bytes.data() + bytes.size() - sizeof stored, sizeof stored);
    bytes.resize(bytes.size() - sizeof stored);
    if (fnv1a64(bytes) != stored) fail("its checksum does not match (damaged or truncated)");
    bytes_ = std::move(bytes);
  }
  template <class T>
  T pod() {
    static_assert(std::is_trivially_copyable_v<T>);
    T value;
    std::memcpy(&value, take(sizeof(T)), sizeof(T));
    return value;
  }
  std::string text() {
    const auto size = pod<std::uint64_t>();
    return std::string(take(size), size);
  }
  std::vector<double> doubles() {
    const auto count = pod<std::uint64_t>();
    if (count > bytes_.size() / sizeof(double)) fail("an array is longer than the file");
    std::vector<double> values(count);
    const char* stored = take(count * sizeof(double));
    // memcpy from or to a null pointer is undefined even for zero bytes, and an empty
    // vector's data() may be null.
    if (count > 0) std::memcpy(values.data(), stored, count * sizeof(double));
    return values;
  }
  bool at_end() const { return position_ == bytes_.size(); }
  [[noreturn]] void fail(const std::string& why) const {
    throw IoError("cannot use checkpoint " + label_ + ": " + why);
  }

 private:
  const char* take(std::size_t count) {
    if (count > bytes_.size() - position_) fail("it ends early");
    const char* p = bytes_.data() + position_;
    position_ += count;
    return p;
  }
  std::string bytes_;
  std::string label_;
  std::size_t position_ = 0;
};

}  // namespace dermaflux::io
