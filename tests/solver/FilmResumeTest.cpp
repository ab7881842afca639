// A dosing regimen's run (timestep/FilmCompartment.hpp) interrupted anywhere,
// between applications, mid-evaporation or after a wipe-off, resumes from its
// checkpoint to the bytes of an uninterrupted run.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/Error.hpp"
#include "io/ScratchFolder.hpp"
#include "run/Simulation.hpp"
#include "support/CaseBuilder.hpp"

namespace dermaflux {
namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

run::RunOptions into(const fs::path& dir, bool resume = false) {
  run::RunOptions options;
  options.output_dir = dir;
  options.resume = resume;
  return options;
}

TEST(FilmResume, InterruptedRegimenResumesToTheSameBytes) {
  io::testing::ScratchFolder scratch;
  auto c = testing::column_case({{"sc", 15e-6, 1e-12, 0.8}, {"de", 300e-6, 6e-11, 1.0}}, 30.0,
                                50e-6, 6.0 * 3600.0, 12, 6, 1.2);
  c.domain.width_m = c.domain.length_m = 30e-6;
  c.output.vtk = true;
  c.serum.applications = {{0.0, 50e-6, 30.0}, {3.0 * 3600.0, 20e-6, 60.0}};
  c.serum.remove_at_s = {2.0 * 3600.0, 5.0 * 3600.0};
  c.serum.vehicle = input::Vehicle{0.7, 60e-6 / 3600.0, 40.0};
  const fs::path whole = scratch / "whole";
  const auto uninterrupted = run::run_case(c, into(whole));

  // Stops after 10, 120, 160 and 200 steps: at 0.001 h, drying (0.75 h), between
  // the wipe-off and the second application (2.23 h), and just after it (3.007 h).
  for (const int steps : {10, 120, 160, 200}) {
    const fs::path parts = scratch / ("parts" + std::to_string(steps));
    run::RunOptions options = into(parts);
    int polled = 0;
    options.stop_requested = [&] { return ++polled > steps; };
    EXPECT_THROW(run::run_case(c, options), Interrupted);
    const auto resumed = run::run_case(c, into(parts, true));

    EXPECT_EQ(slurp(parts / "timeseries.csv"), slurp(whole / "timeseries.csv")) << steps;
    EXPECT_EQ(slurp(parts / "profiles.csv"), slurp(whole / "profiles.csv")) << steps;
    EXPECT_EQ(slurp(parts / "snapshots/test_0012.vtr"), slurp(whole / "snapshots/test_0012.vtr"));
    EXPECT_EQ(resumed.summary.steps, uninterrupted.summary.steps);
    EXPECT_EQ(resumed.summary.linear_iterations, uninterrupted.summary.linear_iterations);
  }
  EXPECT_GT(uninterrupted.summary.steps, 130);
}

}  // namespace
}  // namespace dermaflux
