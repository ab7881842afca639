// Runs that cannot succeed stop early and explain themselves: too big for
// memory (refused before allocating), or numerically stuck (partial outputs kept
// and marked FAILED).

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

#include "core/Error.hpp"
#include "io/ScratchFolder.hpp"
#include "run/MemoryCheck.hpp"
#include "run/Simulation.hpp"
#include "support/CaseBuilder.hpp"

namespace dermaflux {
namespace {

namespace fs = std::filesystem;

input::Case small_case() {
  return testing::column_case({{"sc", 15e-6, 1e-12, 0.8}, {"de", 300e-6, 6e-11, 1.0}}, 30.0, 50e-6,
                              3600.0, 4, 6, 1.2);
}

TEST(MemoryPreflight, AMeshTooLargeForMemoryIsRefusedBeforeAllocating) {
  auto c = small_case();
  c.domain.width_m = c.domain.length_m = 0.05;  // 5 cm at 1 um: 2.5e9 columns
  c.mesh.lateral_spacing_m = 1e-6;
  try {
    run::run_case(c);
    FAIL() << "no error";
  } catch (const UsageError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("cells and needs about"), std::string::npos) << message;
    EXPECT_NE(message.find("is available"), std::string::npos) << message;
  }
}

TEST(MemoryPreflight, EstimateGrowsWithTheCellCount) {
  EXPECT_GT(run::estimated_bytes(2'000'000), run::estimated_bytes(1'000'000));
  EXPECT_NEAR(run::estimated_bytes(1'000'000) - run::estimated_bytes(0), 1e6 * run::kBytesPerCell,
              1.0);
  EXPECT_GT(run::peak_rss_mb(), 0.0);
}

TEST(MemoryPreflight, AHundredMillionCellCaseFitsIn24GiBWithRoom) {
  // Issue 18: a 10^8-cell case on a 24 GiB machine, with a tenth of it to spare.
  const double gib = 1024.0 * 1024.0 * 1024.0;
  EXPECT_LT(run::estimated_bytes(100'000'000), 0.9 * 24.0 * gib);
}

TEST(MemoryPreflight, ASplitRunCountsEveryRankOnTheNode) {
  if (!run::available_bytes()) GTEST_SKIP() << "this machine says nothing of its memory";
  // A block that fits alone: nothing to say (unless this machine is nearly full).
  EXPECT_FALSE(run::split_memory_shortfall(1000, 1).has_value());
  // 10^12 cells per rank fit nowhere; the message says how many ranks and cells.
  const auto why = run::split_memory_shortfall(1'000'000'000'000, 4);
  ASSERT_TRUE(why.has_value());
  EXPECT_NE(why->find("4 ranks on one node with 1000000000000 cells each need about"),
            std::string::npos)
      << *why;
}

TEST(NumericalFailure, ANonFiniteFieldStopsWithAMessageAndKeepsPartialOutputs) {
  // A NaN coefficient (the reader refuses those; a broken estimate might not)
  // poisons every solve: the run must give up, not crawl or crash.
  auto c = small_case();
  c.layers[1].diffusivity_m2_s = std::numeric_limits<double>::quiet_NaN();
  io::testing::ScratchFolder scratch;
  const fs::path dir = scratch / "run";
  run::RunOptions options;
  options.output_dir = dir;
  try {
    run::run_case(c, options);
    FAIL() << "no error";
  } catch (const NumericalError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("t = "), std::string::npos) << message;
    EXPECT_NE(message.find("solver.max_iterations"), std::string::npos) << message;
  }
  EXPECT_TRUE(fs::exists(dir / "FAILED.txt"));
  EXPECT_TRUE(fs::exists(dir / "timeseries.csv"));
  EXPECT_FALSE(fs::exists(dir / "summary.json"));
}

}  // namespace
}  // namespace dermaflux
