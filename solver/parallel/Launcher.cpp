#include "parallel/Launcher.hpp"

#include <charconv>
#include <cstdlib>
#include <cstring>
#include <optional>

namespace dermaflux::parallel {
namespace {

std::optional<int> whole_number(const char* text) {
  if (text == nullptr || *text == '\0') return std::nullopt;
  int value = 0;
  const char* end = text + std::strlen(text);
  const auto result = std::from_chars(text, end, value);
  if (result.ec != std::errc() || result.ptr != end || value < 0) return std::nullopt;
  return value;
}

}  // namespace

LaunchInfo detect_launch(const Environment& environment) {
  LaunchInfo info;
  // The size variable, then the rank variable, of each launcher family; PMIx
  // launchers export no size variable (the size comes from the PMIx server).
  struct Family {
    const char* size;
    const char* rank;
  };
  const Family families[] = {{"OMPI_COMM_WORLD_SIZE", "OMPI_COMM_WORLD_RANK"},
                             {"PMI_SIZE", "PMI_RANK"},
                             {nullptr, "PMIX_RANK"}};
  for (const auto& family : families) {
    const char* size = family.size != nullptr ? environment(family.size) : nullptr;
    const char* rank = environment(family.rank);
    if (size == nullptr && rank == nullptr) continue;
    info.by_mpi_launcher = true;
    info.size = whole_number(size).value_or(0);
    info.rank = whole_number(rank).value_or(-1);
    info.evidence = std::string(size != nullptr ? family.size : family.rank) + "=" +
                    (size != nullptr ? size : rank);
    return info;
  }
  // srun sets SLURM_STEP_NUM_TASKS in every task of a job step (not in the batch
  // script itself, which is one process even under --ntasks=8).
  if (const auto tasks = whole_number(environment("SLURM_STEP_NUM_TASKS")); tasks && *tasks > 1) {
    info.slurm_tasks_without_mpi = true;
    info.slurm_tasks = *tasks;
    info.evidence = "SLURM_STEP_NUM_TASKS=" + std::to_string(*tasks);
  }
  return info;
}

LaunchInfo detect_launch() {
  return detect_launch([](const char* name) { return std::getenv(name); });
}

}  // namespace dermaflux::parallel
