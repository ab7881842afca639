// The batch runner: every selected case in its own folder, finished cases
// skipped on a rerun, shards disjoint and complete, failures reported while the
// others go on, batch.csv aggregated.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>

#include "batch/BatchRunner.hpp"
#include "io/ScratchFolder.hpp"
#include "support/CaseBuilder.hpp"

namespace dermaflux {
namespace {

namespace fs = std::filesystem;

std::vector<batch::BatchCase> three_cases() {
  std::vector<batch::BatchCase> cases;
  for (int n = 0; n < 3; ++n) {
    auto c = testing::column_case({{"sc", 15e-6, 1e-12 * (n + 1), 0.8}, {"de", 200e-6, 6e-11, 1.0}},
                                  30.0, 50e-6, 3600.0, 2, 4, 1.2);
    c.name = "case" + std::to_string(n);
    cases.push_back({static_cast<std::size_t>(n),
                     std::to_string(n) + "-test",
                     {{"skin.layers[0].diffusivity", std::to_string(n + 1) + "e-8 cm^2/s"}},
                     c});
  }
  return cases;
}

int lines_in(const fs::path& file) {
  std::ifstream in(file);
  std::string line;
  int n = 0;
  while (std::getline(in, line)) ++n;
  return n;
}

TEST(BatchRunner, RunsEveryCaseSkipsFinishedOnesAndWritesBatchCsv) {
  io::testing::ScratchFolder scratch;
  const auto cases = three_cases();
  batch::BatchOptions options;
  options.output_dir = scratch / "all";
  options.jobs = 2;
  const auto first = batch::run_batch(cases, options);
  EXPECT_EQ(first.finished, 3u);
  EXPECT_TRUE(first.failures.empty());
  for (const auto& item : cases) EXPECT_TRUE(batch::is_finished(options.output_dir / item.folder));
  EXPECT_EQ(lines_in(options.output_dir / "batch.csv"), 4);

  const auto again = batch::run_batch(cases, options);
  EXPECT_EQ(again.skipped, 3u);
  EXPECT_EQ(again.finished, 0u);
}

TEST(BatchRunner, ShardsSplitTheSweepWithoutOverlap) {
  auto cases = three_cases();
  std::set<std::size_t> seen;
  for (int shard = 1; shard <= 2; ++shard)
    for (const auto* item : batch::select_shard(cases, {shard, 2}))
      EXPECT_TRUE(seen.insert(item->index).second);
  EXPECT_EQ(seen.size(), 3u);
}

TEST(BatchRunner, AFailedCaseIsReportedAndTheOthersGoOn) {
  io::testing::ScratchFolder scratch;
  auto cases = three_cases();
  cases[1].resolved.layers[0].diffusivity_m2_s = std::numeric_limits<double>::quiet_NaN();
  batch::BatchOptions options;
  options.output_dir = scratch / "failure";
  const auto outcome = batch::run_batch(cases, options);
  EXPECT_EQ(outcome.finished, 2u);
  ASSERT_EQ(outcome.failures.size(), 1u);
  EXPECT_NE(outcome.failures[0].find("1-test"), std::string::npos);
  EXPECT_EQ(lines_in(options.output_dir / "batch.csv"), 3);
}

}  // namespace
}  // namespace dermaflux
