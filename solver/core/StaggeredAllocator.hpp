#pragma once
// An allocator for the large per-cell arrays of the numerics that starts each one
// at a different offset within a 4 KiB page.
//
// Why: large blocks come from mmap, so every per-cell array begins at the same
// offset in its page. A kernel that streams a dozen of them at the same index
// (the line smoother reads 12 and writes 1) then hits the same L1 cache sets and
// the same 4 KiB store-to-load aliasing slots with every stream at once. On this
// machine a 13-stream loop runs at 7 GB/s with page-aligned arrays and at 16 GB/s
// with arrays staggered by 320 bytes (benchmarks/RESULTS.md). Results do not
// depend on where an array lies.

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <new>
#include <vector>

namespace dermaflux::core {

namespace detail {
inline constexpr std::size_t kPage = 4096;
inline constexpr std::size_t kStagger = 320;      // bytes between successive arrays' starts
inline constexpr std::size_t kSmall = 64 * 1024;  // below this, plain allocation

inline std::size_t next_offset() {
  static std::atomic<std::size_t> counter{0};
  // 1..12 times the stagger: distinct offsets, never 0 (room for the raw pointer).
  return kStagger * (1 + counter.fetch_add(1, std::memory_order_relaxed) % 12);
}
}  // namespace detail

template <typename T>
struct StaggeredAllocator {
  using value_type = T;

  StaggeredAllocator() = default;
  template <typename U>
  StaggeredAllocator(const StaggeredAllocator<U>&) {}

  T* allocate(std::size_t n) {
    const std::size_t bytes = n * sizeof(T);
    if (bytes < detail::kSmall) return static_cast<T*>(::operator new(bytes));
    // A page-aligned block with room for the offset; the raw pointer is kept just
    // before the array so deallocate() finds it.
    void* raw = ::operator new(bytes + 2 * detail::kPage);
    const auto base = reinterpret_cast<std::uintptr_t>(raw);
    const std::uintptr_t page = (base + detail::kPage - 1) & ~(detail::kPage - 1);
    auto* start = reinterpret_cast<unsigned char*>(page + detail::next_offset());
    reinterpret_cast<void**>(start)[-1] = raw;
    return reinterpret_cast<T*>(start);
  }

  void deallocate(T* p, std::size_t n) noexcept {
    if (n * sizeof(T) < detail::kSmall) {
      ::operator delete(p);
      return;
    }
    ::operator delete(reinterpret_cast<void**>(p)[-1]);
  }

  template <typename U>
  bool operator==(const StaggeredAllocator<U>&) const {
    return true;
  }
};

// A std::vector whose buffer is staggered as above (when it is large).
template <typename T>
using StaggeredVector = std::vector<T, StaggeredAllocator<T>>;

}  // namespace dermaflux::core
