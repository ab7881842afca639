#include "parallel/MachineLoad.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

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

int runnable_others(int samples, int gap_ms) {
  std::vector<int> others;
  for (int s = 0; s < samples; ++s) {
    if (s > 0) std::this_thread::sleep_for(std::chrono::milliseconds(gap_ms));
    const int all = procs_running();
    if (all < 0) return 0;
    others.push_back(std::max(0, all - own_running_threads()));
  }
  if (others.empty()) return 0;
  std::nth_element(others.begin(), others.begin() + others.size() / 2, others.end());
  return others[others.size() / 2];
}

int threads_for_machine(std::size_t cells, int available) {
  const long online = sysconf(_SC_NPROCESSORS_ONLN);
  const int mine = cpus_in_affinity_mask();
  int others = runnable_others();
  if (online > mine) others = static_cast<int>(others * static_cast<long>(mine) / online);
  return core::threads_for_load(cells, available, others);
}

}  // namespace dermaflux::parallel
