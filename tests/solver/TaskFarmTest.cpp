// The MPI task farm's logic (farm/), with ranks as threads of this process
// (support/ThreadMessengers.hpp): every case runs once, on some rank, and gives
// the serial batch's results; a failure is reported while the others go on; a
// stop on one rank stops all, and the rerun completes the sweep.

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <thread>

#include "batch/BatchRunner.hpp"
#include "core/Error.hpp"
#include "farm/Coordinator.hpp"
#include "farm/Handshake.hpp"
#include "farm/Worker.hpp"
#include "io/ScratchFolder.hpp"
#include "support/CaseBuilder.hpp"
#include "support/ThreadMessengers.hpp"

namespace dermaflux {
namespace {

namespace fs = std::filesystem;

std::vector<batch::BatchCase> column_cases(int count) {
  std::vector<batch::BatchCase> cases;
  for (int n = 0; n < count; ++n) {
    auto c = testing::column_case({{"sc", 15e-6, 1e-12 * (n + 1), 0.8}, {"de", 200e-6, 6e-11, 1.0}},
                                  30.0, 50e-6, 3600.0, 2, 4, 1.2);
    c.name = "case" + std::to_string(n);
    cases.push_back({static_cast<std::size_t>(n),
                     std::to_string(n) + "-farm",
                     {{"skin.layers[0].diffusivity", std::to_string(n + 1) + "e-8 cm^2/s"}},
                     c});
  }
  return cases;
}

// batch.csv without its last column, wall_s: the figures, which must not depend
// on which rank ran a case.
std::string figures_of(const fs::path& batch_csv) {
  std::ifstream in(batch_csv);
  std::ostringstream figures;
  std::string line;
  while (std::getline(in, line)) figures << line.substr(0, line.rfind(',')) << '\n';
  return figures.str();
}

struct FarmRun {
  batch::BatchOutcome outcome;  // rank 0's
  bool interrupted = false;
};

// Runs the farm with `ranks` ranks of `jobs` job threads each; `stop_on_rank`
// (if >= 0) is a rank whose signal is up from the start.
FarmRun run_farm(const std::vector<batch::BatchCase>& cases, const fs::path& output, int ranks,
                 int jobs = 1, int stop_on_rank = -1) {
  testing::ThreadMessengers messengers(ranks);
  FarmRun result;
  std::vector<std::thread> threads;
  for (int r = 0; r < ranks; ++r)
    threads.emplace_back([&, r] {
      batch::BatchOptions options;
      options.output_dir = output;
      options.jobs = jobs;
      options.threads = jobs;  // one OpenMP thread per job
      if (r == stop_on_rank) options.stop_requested = [] { return true; };
      if (r != 0) return farm::run_worker(messengers.rank(r), cases, options);
      try {
        result.outcome = farm::run_coordinator(messengers.rank(0), cases, options);
      } catch (const Interrupted&) {
        result.interrupted = true;
      }
    });
  for (auto& thread : threads) thread.join();
  return result;
}

TEST(TaskFarm, EveryCaseRunsOnceAndGivesTheSerialBatchsFigures) {
  io::testing::ScratchFolder scratch;
  const auto cases = column_cases(5);
  batch::BatchOptions serial;
  serial.output_dir = scratch / "serial";
  batch::run_batch(cases, serial);

  const fs::path output = scratch / "three-ranks";
  const FarmRun farm = run_farm(cases, output, 3, 2);
  EXPECT_FALSE(farm.interrupted);
  EXPECT_EQ(farm.outcome.selected, 5u);
  EXPECT_EQ(farm.outcome.finished, 5u);
  EXPECT_TRUE(farm.outcome.failures.empty());
  for (const auto& item : cases) EXPECT_TRUE(batch::is_finished(output / item.folder));
  EXPECT_EQ(figures_of(output / "batch.csv"), figures_of(serial.output_dir / "batch.csv"));

  const FarmRun again = run_farm(cases, output, 3);
  EXPECT_EQ(again.outcome.skipped, 5u);
  EXPECT_EQ(again.outcome.finished, 0u);
}

TEST(TaskFarm, OneRankAloneRunsEverything) {
  io::testing::ScratchFolder scratch;
  const auto cases = column_cases(2);
  const FarmRun farm = run_farm(cases, scratch / "one-rank", 1);
  EXPECT_EQ(farm.outcome.finished, 2u);
}

TEST(TaskFarm, AFailedCaseIsReportedAndTheOthersGoOn) {
  io::testing::ScratchFolder scratch;
  auto cases = column_cases(4);
  cases[2].resolved.layers[0].diffusivity_m2_s = std::numeric_limits<double>::quiet_NaN();
  const FarmRun farm = run_farm(cases, scratch / "failure", 2);
  EXPECT_EQ(farm.outcome.finished, 3u);
  ASSERT_EQ(farm.outcome.failures.size(), 1u);
  EXPECT_NE(farm.outcome.failures[0].find("2-farm"), std::string::npos);
}

TEST(TaskFarm, AStopOnRankZeroHandsOutNoCase) {
  io::testing::ScratchFolder scratch;
  const auto cases = column_cases(4);
  const FarmRun farm = run_farm(cases, scratch / "stop-rank0", 3, 1, 0);
  EXPECT_TRUE(farm.interrupted);
  EXPECT_EQ(farm.outcome.finished, 0u);  // any case rank 0 took was stopped at its first step
}

TEST(TaskFarm, AStopOnOneRankStopsEveryRankAndTheRerunCompletesTheSweep) {
  io::testing::ScratchFolder scratch;
  const auto cases = column_cases(12);
  batch::BatchOptions serial;
  serial.output_dir = scratch / "stop-serial";
  batch::run_batch(cases, serial);

  const fs::path output = scratch / "stop";
  const FarmRun stopped = run_farm(cases, output, 3, 1, 1);
  EXPECT_TRUE(stopped.interrupted);
  // Rank 1 stops its first case at the first step and tells rank 0, which hands
  // out no more: the other two ranks have run a few cases by then, not all eleven.
  EXPECT_LT(stopped.outcome.finished, 11u);

  const FarmRun rerun = run_farm(cases, output, 3);
  EXPECT_FALSE(rerun.interrupted);
  EXPECT_EQ(rerun.outcome.finished + rerun.outcome.skipped, 12u);
  EXPECT_EQ(figures_of(output / "batch.csv"), figures_of(serial.output_dir / "batch.csv"));
}

TEST(FarmHandshake, RankZeroHearsEveryRankAndAllLeaveWithItsStatus) {
  testing::ThreadMessengers messengers(3);
  std::vector<farm::Readiness> heard;
  std::atomic<int> go_status{-1}, exit_status{-1};
  std::thread rank1([&] {
    farm::gather_readiness(messengers.rank(1), {0, 42, 2, ""});
    go_status = farm::wait_for_go(messengers.rank(1));
    exit_status = farm::wait_for_exit_status(messengers.rank(1));
  });
  std::thread rank2([&] {
    farm::gather_readiness(messengers.rank(2), {4, 0, 1, "cannot read base.yaml\non node 7"});
    farm::wait_for_go(messengers.rank(2));
    farm::wait_for_exit_status(messengers.rank(2));
  });
  heard = farm::gather_readiness(messengers.rank(0), {0, 42, 2, ""});
  farm::send_go(messengers.rank(0), 4);
  farm::send_exit_status(messengers.rank(0), 5);
  rank1.join();
  rank2.join();

  ASSERT_EQ(heard.size(), 3u);
  EXPECT_EQ(heard[1].sweep_fingerprint, 42u);
  EXPECT_EQ(heard[1].threads, 2);
  EXPECT_EQ(heard[2].status, 4);
  EXPECT_EQ(heard[2].error, "cannot read base.yaml\non node 7");
  EXPECT_EQ(go_status, 4);
  EXPECT_EQ(exit_status, 5);
}

TEST(FarmMessages, ACaseEndRoundTripsWithAMultiLineFailure) {
  const farm::CaseEnded sent{17, {batch::CaseEnd::failed, "0017-abc: line one\nline two"}};
  const farm::CaseEnded received = farm::decode_case_ended(farm::encode(sent));
  EXPECT_EQ(received.position, 17u);
  EXPECT_EQ(received.report.end, batch::CaseEnd::failed);
  EXPECT_EQ(received.report.failure, sent.report.failure);
}

TEST(FarmMessages, SweepFingerprintsDifferWhenAFolderDiffers) {
  auto cases = column_cases(2);
  const auto before = farm::sweep_fingerprint(cases);
  cases[1].folder = "1-other";
  EXPECT_NE(farm::sweep_fingerprint(cases), before);
}

}  // namespace
}  // namespace dermaflux
