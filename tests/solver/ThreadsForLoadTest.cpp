// The thread count a run chooses for itself: by case size, at most the cores other
// processes leave free, at least one (core::threads_for_load), and the /proc
// readings it is fed (parallel/MachineLoad.hpp).

#include <gtest/gtest.h>

#include <cstddef>
#include <vector>

#include "core/Parallel.hpp"
#include "parallel/MachineLoad.hpp"
#include "run/Simulation.hpp"
#include "support/CaseBuilder.hpp"

namespace dermaflux {
namespace {

struct LoadCase {
  std::size_t cells;
  int available_cores;
  int runnable_others;
  int threads;
};

constexpr std::size_t kPerThread = core::kCellsPerThread;

TEST(ThreadsForLoad, SizeCappedByFreeCoresAtLeastOne) {
  const LoadCase cases[] = {
      {1000, 2, 0, 1},                // small: one thread, quiet or not
      {1000, 2, 5, 1},                //
      {100 * kPerThread, 2, 0, 2},    // quiet 2-core machine: both
      {100 * kPerThread, 2, 1, 1},    // one core busy elsewhere
      {100 * kPerThread, 2, 2, 1},    // both busy: still one thread
      {100 * kPerThread, 2, 9, 1},    //
      {100 * kPerThread, 8, 3, 5},    // the free cores cap the size's 8
      {3 * kPerThread, 8, 0, 3},      // the size caps the 8 free cores
      {3 * kPerThread, 8, 6, 2},      //
      {100 * kPerThread, 8, -1, 8},   // an unknown load counts as none
      {2 * kPerThread - 1, 8, 0, 1},  // below two threads' worth
  };
  for (const auto& c : cases)
    EXPECT_EQ(core::threads_for_load(c.cells, c.available_cores, c.runnable_others), c.threads)
        << c.cells << " cells, " << c.available_cores << " cores, " << c.runnable_others
        << " others";
}

TEST(ThreadsForLoad, NeverMoreThanTheSizeAlone) {
  for (std::size_t cells : {std::size_t{10}, kPerThread, 5 * kPerThread, 1000 * kPerThread})
    for (int available = 1; available <= 16; ++available)
      for (int others = 0; others <= 20; ++others) {
        const int threads = core::threads_for_load(cells, available, others);
        EXPECT_GE(threads, 1);
        EXPECT_LE(threads, core::threads_for_cells(cells, available));
      }
}

// On Linux /proc tells: this thread runs, so procs_running counts at least it.
TEST(MachineLoad, ProcReadingsArePlausible) {
  EXPECT_GE(parallel::procs_running(), 1);
  EXPECT_GE(parallel::own_running_threads(), 1);
  EXPECT_GE(parallel::runnable_others(), 0);
  const int threads = parallel::threads_for_machine(100 * kPerThread, 2);
  EXPECT_GE(threads, 1);
  EXPECT_LE(threads, 2);
}

// A sampler that hands out `readings` in turn and counts how many it gave.
struct ScriptedLoad {
  std::vector<int> readings;
  int taken = 0;
  parallel::LoadSampler sampler() {
    return [this] { return readings.at(static_cast<std::size_t>(taken++)); };
  }
};

TEST(MachineLoad, QuietOrUnknownMachineTakesOneReading) {
  for (int reading : {0, -1}) {
    ScriptedLoad load{{reading, 7, 7}};
    EXPECT_EQ(parallel::runnable_others(load.sampler(), 0), 0) << reading;
    EXPECT_EQ(load.taken, 1) << reading;
  }
}

TEST(MachineLoad, BusyReadingTakesTheMedianOfThree) {
  ScriptedLoad busy{{3, 1, 5}};
  EXPECT_EQ(parallel::runnable_others(busy.sampler(), 0), 3);
  EXPECT_EQ(busy.taken, 3);
  ScriptedLoad burst{{2, 0, -1}};  // one instant's shell: the median says quiet
  EXPECT_EQ(parallel::runnable_others(burst.sampler(), 0), 0);
  EXPECT_EQ(burst.taken, 3);
}

TEST(MachineLoad, OneThreadSizedRunNeverSamples) {
  ScriptedLoad load{{0, 0, 0}};
  EXPECT_EQ(parallel::threads_for_machine(2 * kPerThread - 1, 8, load.sampler()), 1);
  EXPECT_EQ(parallel::threads_for_machine(100 * kPerThread, 1, load.sampler()), 1);
  EXPECT_EQ(load.taken, 0);
  EXPECT_GE(parallel::threads_for_machine(2 * kPerThread, 8, load.sampler()), 1);
  EXPECT_EQ(load.taken, 1);
}

// The whole run, at its start and at every output time: a case of a few hundred
// cells choosing its own threads reads /proc not once.
TEST(MachineLoad, SmallRunChoosingItsThreadsNeverReadsTheLoad) {
  const auto small = testing::column_case({{"sc", 15e-6, 1e-12, 0.8}, {"de", 300e-6, 6e-11, 1.0}},
                                          30.0, 50e-6, 7200.0, 6);
  run::RunOptions options;
  options.threads_by_case_size = true;
  const int threads_before = core::thread_count();
  const long before = parallel::load_samples_taken();
  const auto result = run::run_case(small, options);
  core::set_thread_count(threads_before);  // the run set the process's count
  EXPECT_LT(result.summary.cells, 2 * kPerThread);
  EXPECT_GE(result.rows.size(), 6u);  // decided at the start and at output times
  EXPECT_EQ(parallel::load_samples_taken(), before);
}

}  // namespace
}  // namespace dermaflux
