#include "parallel/MachineLoad.hpp"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "core/Parallel.hpp"
#include "parallel/SlotThreads.hpp"

namespace dermaflux::parallel {

int procs_running() {
  std::ifstream stat("/proc/stat");
  std::string key;
  while (stat >> key) {
    if (key == "procs_running") {
      int running = -1;
      stat >> running;
      return running;
    }
    stat.ignore(1 << 20, '\n');
  }
  return -1;
}

int own_running_threads() {
  int running = 0;
  std::error_code error;
  for (const auto& task : std::filesystem::directory_iterator("/proc/self/task", error)) {
    // ".../stat" is "tid (name) S ...": the state follows the name's closing bracket.
    std::ifstream stat(task.path() / "stat");
    std::string line;
    std::getline(stat, line);
    const auto bracket = line.rfind(')');
    if (bracket != std::string::npos && bracket + 2 < line.size() && line[bracket + 2] == 'R')
      ++running;
  }
  return std::max(1, running);  // the thread reading is running
}

namespace {
std::atomic<long> samples_taken{0};
}  // namespace

int sample_runnable_others() {
  samples_taken.fetch_add(1, std::memory_order_relaxed);
  const int all = procs_running();
  if (all < 0) return -1;
  return std::max(0, all - own_running_threads());
}

long load_samples_taken() {
  return samples_taken.load(std::memory_order_relaxed);
}

int runnable_others(const LoadSampler& sample, int gap_ms) {
  // A quiet machine (the common case) costs one reading, no sleep.
  const int first = sample();
  if (first <= 0) return 0;
  std::array<int, 3> others{first, 0, 0};
  for (std::size_t s = 1; s < others.size(); ++s) {
    std::this_thread::sleep_for(std::chrono::milliseconds(gap_ms));
    others[s] = std::max(0, sample());
  }
  std::nth_element(others.begin(), others.begin() + 1, others.end());
  return others[1];
}

int threads_for_machine(std::size_t cells, int available, const LoadSampler& sample) {
  if (core::threads_for_cells(cells, available) <= 1) return 1;
  const long online = sysconf(_SC_NPROCESSORS_ONLN);
  const int mine = cpus_in_affinity_mask();
  int others = runnable_others(sample);
  if (online > mine) others = static_cast<int>(others * static_cast<long>(mine) / online);
  return core::threads_for_load(cells, available, others);
}

}  // namespace dermaflux::parallel
