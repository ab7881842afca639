#include "parallel/SlotThreads.hpp"

#include <omp.h>
#include <sched.h>

#include <algorithm>
#include <cstdlib>

namespace dermaflux::parallel {

int cpus_in_affinity_mask() {
  cpu_set_t cpus;
  CPU_ZERO(&cpus);
  if (sched_getaffinity(0, sizeof cpus, &cpus) != 0) return 1;
  return std::max(1, CPU_COUNT(&cpus));
}

int slot_threads(int ranks_sharing_cpus) {
  const char* requested = std::getenv("OMP_NUM_THREADS");
  if (requested != nullptr && *requested != '\0') return omp_get_max_threads();
  return std::max(1, cpus_in_affinity_mask() / std::max(1, ranks_sharing_cpus));
}

}  // namespace dermaflux::parallel
