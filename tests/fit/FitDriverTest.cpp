// `dermaflux fit` on the solver itself: the membrane case of tests/data/fit fitted to
// Crank's Q(t) with noise recovers D and K, writes every file the contract names,
// and a rerun resumes from fit.state.json.

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>

#include "fit/FitDriver.hpp"
#include "fit/FitTestSupport.hpp"

namespace dermaflux {
namespace {

namespace fs = std::filesystem;

fs::path membrane_fit(const fs::path& folder, const std::string& extra = {}, unsigned seed = 11) {
  testing::write_text(folder / "data.csv", testing::crank_csv(seed, 0.3));
  testing::write_text(folder / "fit.yaml",
                      "base: " DERMAFLUX_TEST_DATA_DIR
                      "/fit/membrane.yaml\n"
                      "measured: data.csv\n"
                      "fit:\n"
                      "  skin.layers[0].diffusivity: [1e-11 cm^2/s, 1e-7 cm^2/s]\n"
                      "  skin.layers.membrane.partition: [0.05, 20]\n" +
                          extra + "output: " + (folder / "out").string() + "\n");
  return folder / "fit.yaml";
}

TEST(FitDriver, RecoversMembraneDAndKWithinThreePercentAndWritesItsFiles) {
  const fs::path folder = testing::scratch_folder("driver");
  const auto outcome = fit::run_fit(membrane_fit(folder), {});
  const auto& values = outcome.report.result.values;
  EXPECT_NEAR(values[0], testing::kTrueD, 0.03 * testing::kTrueD);
  EXPECT_NEAR(values[1], testing::kTrueK, 0.03 * testing::kTrueK);
  EXPECT_TRUE(outcome.report.result.converged);
  for (const char* name : {"fit.json", "fit.csv", "case.fitted.yaml", "measured.csv",
                           "fit.state.json", "final/timeseries.csv"})
    EXPECT_TRUE(fs::exists(folder / "out" / name)) << name;
  std::ifstream in(folder / "out" / "fit.json");
  const auto json = nlohmann::json::parse(in);
  const auto& d = json["parameters"]["skin.layers[0].diffusivity"];
  EXPECT_EQ(d["unit"], "m^2/s");
  EXPECT_LE(d["ci95_low"].get<double>(), d["value"].get<double>());
  EXPECT_GE(d["ci95_high"].get<double>(), d["value"].get<double>());
  EXPECT_TRUE(d["identifiable"].get<bool>());
  EXPECT_EQ(json["correlation"]["keys"].size(), 2u);
  for (const char* key : {"objective", "runs", "converged", "iterations", "warnings"})
    EXPECT_TRUE(json.contains(key)) << key;

  // A rerun starts from the last completed iteration, and its runs are found made.
  std::string notice;
  fit::FitOptions options;
  options.on_notice = [&](const std::string& text) { notice = text; };
  const auto again = fit::run_fit(folder / "fit.yaml", options);
  EXPECT_NE(notice.find("resuming from iteration"), std::string::npos);
  EXPECT_NEAR(again.report.result.values[0], values[0], 0.01 * values[0]);
  fs::remove_all(folder);
}

TEST(FitDriver, IntervalsCoverTheTruthOverRepeatedSeeds) {
  // Whole fits on the solver (about 0.5 s each): the intervals hold the solver's own
  // discretisation error and the finite differences' noise too.
  const int seeds = 30;
  int covered_d = 0, covered_k = 0;
  for (int seed = 1; seed <= seeds; ++seed) {
    const fs::path folder = testing::scratch_folder("coverage");
    const auto outcome =
        fit::run_fit(membrane_fit(folder, {}, static_cast<unsigned>(100 + seed)), {});
    const auto& d = outcome.report.uncertainty.parameters[0];
    const auto& k = outcome.report.uncertainty.parameters[1];
    covered_d += d.ci95_low <= testing::kTrueD && testing::kTrueD <= d.ci95_high ? 1 : 0;
    covered_k += k.ci95_low <= testing::kTrueK && testing::kTrueK <= k.ci95_high ? 1 : 0;
    fs::remove_all(folder);
  }
  std::printf("95 %% intervals held the truth in %d (D) and %d (K) of %d fits\n", covered_d,
              covered_k, seeds);
  EXPECT_GE(covered_d, 0.8 * seeds);
  EXPECT_GE(covered_k, 0.8 * seeds);
}

}  // namespace
}  // namespace dermaflux
