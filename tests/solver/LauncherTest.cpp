// Whether a launcher started the process, from the variables it sets.

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "parallel/Launcher.hpp"

namespace dermaflux {
namespace {

parallel::LaunchInfo launch_with(std::map<std::string, std::string> variables) {
  return parallel::detect_launch([&](const char* name) -> const char* {
    const auto found = variables.find(name);
    return found == variables.end() ? nullptr : found->second.c_str();
  });
}

TEST(Launcher, APlainProcessIsNotLaunched) {
  const auto info = launch_with({{"HOME", "/root"}});
  EXPECT_FALSE(info.by_mpi_launcher);
  EXPECT_FALSE(info.slurm_tasks_without_mpi);
}

TEST(Launcher, OpenMpisMpirunIsRecognisedWithSizeAndRank) {
  const auto info = launch_with({{"OMPI_COMM_WORLD_SIZE", "4"}, {"OMPI_COMM_WORLD_RANK", "2"}});
  EXPECT_TRUE(info.by_mpi_launcher);
  EXPECT_EQ(info.size, 4);
  EXPECT_EQ(info.rank, 2);
  EXPECT_EQ(info.evidence, "OMPI_COMM_WORLD_SIZE=4");
}

TEST(Launcher, PmiAndPmixLaunchersAreRecognised) {
  EXPECT_TRUE(launch_with({{"PMI_SIZE", "8"}, {"PMI_RANK", "0"}}).by_mpi_launcher);
  const auto pmix = launch_with({{"PMIX_RANK", "3"}, {"SLURM_STEP_NUM_TASKS", "8"}});
  EXPECT_TRUE(pmix.by_mpi_launcher);
  EXPECT_EQ(pmix.size, 0);  // PMIx gives no size variable
  EXPECT_EQ(pmix.rank, 3);
  EXPECT_FALSE(pmix.slurm_tasks_without_mpi);
}

TEST(Launcher, SrunTasksWithoutAProcessManagerInterfaceAreFlagged) {
  const auto info = launch_with({{"SLURM_STEP_NUM_TASKS", "4"}, {"SLURM_PROCID", "1"}});
  EXPECT_FALSE(info.by_mpi_launcher);
  EXPECT_TRUE(info.slurm_tasks_without_mpi);
  EXPECT_EQ(info.slurm_tasks, 4);
  EXPECT_FALSE(launch_with({{"SLURM_STEP_NUM_TASKS", "1"}}).slurm_tasks_without_mpi);
}

}  // namespace
}  // namespace dermaflux
