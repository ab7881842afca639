#include "run/MemoryCheck.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "core/Error.hpp"

namespace dermaflux::run {
namespace {

// The value of `key` (in kB) in a /proc file such as /proc/meminfo.
std::optional<double> proc_kb(const char* file, const std::string& key) {
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(key, 0) != 0) continue;
    std::istringstream fields(line.substr(key.size()));
    double kb = 0.0;
    if (fields >> kb) return kb;
  }
  return std::nullopt;
}

std::optional<double> number_in(const char* file) {
  std::ifstream in(file);
  std::string text;
  if (!(in >> text) || text == "max") return std::nullopt;
  try {
    return std::stod(text);
  } catch (...) {
    return std::nullopt;
  }
}

std::string gib(double bytes) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f GiB", bytes / (1024.0 * 1024.0 * 1024.0));
  return text;
}

}  // namespace

double estimated_bytes(std::size_t cells) {
  return kFixedBytes + kBytesPerCell * static_cast<double>(cells);
}

std::optional<double> available_bytes() {
  std::optional<double> available;
  if (const auto kb = proc_kb("/proc/meminfo", "MemAvailable:")) available = *kb * 1024.0;
  // A container's cgroup (v2) limit can be far below the machine's memory.
  const auto limit = number_in("/sys/fs/cgroup/memory.max");
  const auto used = number_in("/sys/fs/cgroup/memory.current");
  if (limit && used) {
    const double room = std::max(0.0, *limit - *used);
    available = available ? std::min(*available, room) : room;
  }
  return available;
}

void check_memory(std::size_t cells) {
  const double needed = estimated_bytes(cells);
  const auto available = available_bytes();
  if (!available || needed <= *available) return;
  throw UsageError("the mesh has " + std::to_string(cells) + " cells and needs about " +
                   gib(needed) + " of memory, but only " + gib(*available) +
                   " is available; coarsen the mesh (mesh.lateral_spacing, mesh.channel_spacing, "
                   "mesh.min_cells_per_layer, mesh.max_vertical_spacing) or shrink the domain");
}

std::optional<std::string> split_memory_shortfall(std::size_t block_cells, int ranks_on_node) {
  const double needed =
      ranks_on_node * (kFixedBytes + kSplitBytesPerCell * static_cast<double>(block_cells));
  const auto available = available_bytes();
  if (!available || needed <= *available) return std::nullopt;
  return std::to_string(ranks_on_node) + " ranks on one node with " + std::to_string(block_cells) +
         " cells each need about " + gib(needed) + " of memory, but only " + gib(*available) +
         " is available there";
}

double peak_rss_mb() {
  const auto kb = proc_kb("/proc/self/status", "VmHWM:");
  return kb ? *kb / 1024.0 : 0.0;
}

}  // namespace dermaflux::run
