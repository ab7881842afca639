// Interruption and restart: a run stopped mid-way and resumed from its
// checkpoint finishes with byte-identical outputs; foreign or damaged
// checkpoints and folders holding another case's results are refused.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/Error.hpp"
#include "input/CaseWriter.hpp"
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

input::Case small_case() {
  auto c = testing::column_case({{"sc", 15e-6, 1e-12, 0.8}, {"de", 300e-6, 6e-11, 1.0}}, 30.0,
                                50e-6, 6.0 * 3600.0, 12, 6, 1.2);
  c.domain.width_m = c.domain.length_m = 30e-6;
  c.output.vtk = true;
  return c;
}

run::RunOptions into(const fs::path& dir, bool resume = false, bool overwrite = false) {
  run::RunOptions options;
  options.output_dir = dir;
  options.resume = resume;
  options.overwrite = overwrite;
  return options;
}

// Runs `c` into `dir`, asking it to stop after `steps` steps.
void run_interrupted(const input::Case& c, const fs::path& dir, int steps) {
  run::RunOptions options;
  options.output_dir = dir;
  int polled = 0;
  options.stop_requested = [&] { return ++polled > steps; };
  EXPECT_THROW(run::run_case(c, options), Interrupted);
}

TEST(Resume, InterruptedAndResumedRunEqualsAnUninterruptedOne) {
  io::testing::ScratchFolder scratch;
  const auto c = small_case();
  const fs::path whole = scratch / "whole", parts = scratch / "parts";
  run::run_case(c, into(whole));

  run_interrupted(c, parts, 40);
  EXPECT_FALSE(fs::exists(parts / "summary.json"));
  EXPECT_TRUE(fs::exists(parts / "INTERRUPTED.txt"));
  EXPECT_TRUE(fs::exists(parts / "checkpoint.bin"));
  run::run_case(c, into(parts, true));

  EXPECT_EQ(slurp(parts / "timeseries.csv"), slurp(whole / "timeseries.csv"));
  EXPECT_EQ(slurp(parts / "profiles.csv"), slurp(whole / "profiles.csv"));
  EXPECT_EQ(slurp(parts / "test.pvd"), slurp(whole / "test.pvd"));
  EXPECT_EQ(slurp(parts / "snapshots/test_0012.vtr"), slurp(whole / "snapshots/test_0012.vtr"));
  EXPECT_TRUE(fs::exists(parts / "summary.json"));
  EXPECT_FALSE(fs::exists(parts / "INTERRUPTED.txt"));
  EXPECT_FALSE(fs::exists(parts / "checkpoint.bin"));
}

TEST(Resume, ResumingThroughChannelClosureIsBitExactToo) {
  io::testing::ScratchFolder scratch;
  auto c = small_case();
  input::Needles n;
  n.pattern = input::NeedlePattern::Square;
  n.pitch_m = 200e-6;
  n.length_m = 400e-6;
  n.base_diameter_m = 150e-6;
  n.tip_diameter_m = 5e-6;
  n.penetration = 0.3;
  n.closure_half_life_s = 3600.0;
  c.needles = n;
  c.domain.width_m = c.domain.length_m = 200e-6;
  c.mesh.lateral_spacing_m = 25e-6;
  const fs::path whole = scratch / "closure-whole", parts = scratch / "closure-parts";
  run::run_case(c, into(whole));
  run_interrupted(c, parts, 60);
  run::run_case(c, into(parts, true));
  EXPECT_EQ(slurp(parts / "timeseries.csv"), slurp(whole / "timeseries.csv"));
  EXPECT_EQ(slurp(parts / "profiles.csv"), slurp(whole / "profiles.csv"));
}

// A dosing regimen's run (timestep/FilmCompartment.hpp) interrupted anywhere,
// between applications, mid-evaporation or after a wipe-off, resumes to the bytes
// of an uninterrupted run.
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
    run_interrupted(c, parts, steps);
    const auto resumed = run::run_case(c, into(parts, true));

    EXPECT_EQ(slurp(parts / "timeseries.csv"), slurp(whole / "timeseries.csv")) << steps;
    EXPECT_EQ(slurp(parts / "profiles.csv"), slurp(whole / "profiles.csv")) << steps;
    EXPECT_EQ(slurp(parts / "snapshots/test_0012.vtr"), slurp(whole / "snapshots/test_0012.vtr"));
    EXPECT_EQ(resumed.summary.steps, uninterrupted.summary.steps);
    EXPECT_EQ(resumed.summary.linear_iterations, uninterrupted.summary.linear_iterations);
  }
  EXPECT_GT(uninterrupted.summary.steps, 130);
}

// Variable order (`time.order: auto`) resumes to the same bytes too: the order,
// the steps taken at it and the fourth history level are in the checkpoint.
// Stops early (orders 1-2), at order 3, and in a regimen after a wipe-off.
TEST(VariableOrderResume, InterruptedAutoOrderRunsResumeToTheSameBytes) {
  io::testing::ScratchFolder scratch;
  auto plain = small_case();
  plain.time.variable_order = true;
  auto regimen = plain;
  regimen.serum.applications = {{0.0, 50e-6, 30.0}, {3.0 * 3600.0, 20e-6, 60.0}};
  regimen.serum.remove_at_s = {2.0 * 3600.0, 5.0 * 3600.0};
  regimen.serum.vehicle = input::Vehicle{0.7, 60e-6 / 3600.0, 40.0};
  int case_index = 0;
  for (const auto& c : {plain, regimen}) {
    const fs::path whole = scratch / ("auto-whole" + std::to_string(case_index));
    const auto uninterrupted = run::run_case(c, into(whole));
    for (const int steps : {3, 25, 70}) {
      const fs::path parts =
          scratch / ("auto-parts" + std::to_string(case_index) + "-" + std::to_string(steps));
      run_interrupted(c, parts, steps);
      const auto resumed = run::run_case(c, into(parts, true));
      EXPECT_EQ(slurp(parts / "timeseries.csv"), slurp(whole / "timeseries.csv")) << steps;
      EXPECT_EQ(slurp(parts / "profiles.csv"), slurp(whole / "profiles.csv")) << steps;
      EXPECT_EQ(slurp(parts / "snapshots/test_0012.vtr"), slurp(whole / "snapshots/test_0012.vtr"))
          << steps;
      EXPECT_EQ(resumed.summary.steps, uninterrupted.summary.steps) << steps;
      EXPECT_EQ(resumed.summary.linear_iterations, uninterrupted.summary.linear_iterations);
    }
    ++case_index;
  }
}

// --until cuts a case short (app/Commands.cpp): outputs past it dropped, one at it.
input::Case until(input::Case c, double end_s) {
  c.time.end_s = end_s;
  auto& outputs = c.time.output_times_s;
  while (!outputs.empty() && outputs.back() >= end_s) outputs.pop_back();
  outputs.push_back(end_s);
  return c;
}

TEST(Resume, AStoppedRunResumesTowardsAnotherEnd) {
  io::testing::ScratchFolder scratch;
  const auto whole_case = small_case();
  const std::string identity = input::write_case_yaml(whole_case);
  const fs::path whole = scratch / "whole", parts = scratch / "parts";
  run::run_case(whole_case, into(whole));

  // Stopped on its way to 3 h, resumed to the case's own 6 h: the uninterrupted run.
  run::RunOptions stopping = into(parts);
  stopping.checkpoint_identity = identity;
  int polled = 0;
  stopping.stop_requested = [&] { return ++polled > 30; };
  EXPECT_THROW(run::run_case(until(whole_case, 3.0 * 3600.0), stopping), Interrupted);
  run::RunOptions resuming = into(parts, true);
  resuming.checkpoint_identity = identity;
  run::run_case(whole_case, resuming);
  EXPECT_EQ(slurp(parts / "timeseries.csv"), slurp(whole / "timeseries.csv"));
}

TEST(Resume, ResumingTowardsAnEndBeforeTheStopIsRefused) {
  io::testing::ScratchFolder scratch;
  const auto whole_case = small_case();
  run::RunOptions stopping = into(scratch / "parts");
  stopping.checkpoint_identity = input::write_case_yaml(whole_case);
  int polled = 0;
  stopping.stop_requested = [&] { return ++polled > 60; };
  EXPECT_THROW(run::run_case(whole_case, stopping), Interrupted);
  run::RunOptions resuming = into(scratch / "parts", true);
  resuming.checkpoint_identity = stopping.checkpoint_identity;
  try {
    run::run_case(until(whole_case, 1.0), resuming);  // 1 s: long before the stop
    FAIL() << "resumed to an end before its stop";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("resume with the --until the stopped run had"),
              std::string::npos)
        << e.what();
  }
}

TEST(Resume, ACheckpointOfAnotherCaseIsRefused) {
  io::testing::ScratchFolder scratch;
  const auto c = small_case();
  const fs::path dir = scratch / "foreign";
  run_interrupted(c, dir, 10);
  auto changed = c;
  changed.layers[0].diffusivity_m2_s *= 2.0;
  EXPECT_THROW(run::run_case(changed, into(dir, true)), UsageError);
}

TEST(Resume, ADamagedCheckpointIsRefused) {
  io::testing::ScratchFolder scratch;
  const auto c = small_case();
  const fs::path dir = scratch / "damaged";
  run_interrupted(c, dir, 10);
  std::string bytes = slurp(dir / "checkpoint.bin");
  bytes[bytes.size() / 3] ^= 0x01;
  std::ofstream(dir / "checkpoint.bin", std::ios::binary) << bytes;
  EXPECT_THROW(run::run_case(c, into(dir, true)), IoError);
}

TEST(Resume, NothingToResumeIsAClearError) {
  io::testing::ScratchFolder scratch;
  EXPECT_THROW(run::run_case(small_case(), into(scratch / "nothing", true)), UsageError);
}

TEST(Resume, ResumingAFinishedRunIsRefusedAndLeavesItFinished) {
  io::testing::ScratchFolder scratch;
  const fs::path dir = scratch / "finished";
  run::run_case(small_case(), into(dir));
  const std::string summary = slurp(dir / "summary.json");
  EXPECT_THROW(run::run_case(small_case(), into(dir, true)), UsageError);
  ASSERT_TRUE(fs::exists(dir / "summary.json"));
  EXPECT_EQ(slurp(dir / "summary.json"), summary);
}

TEST(RunFolder, AFinishedRunOfAnotherCaseIsNotOverwrittenUnlessAsked) {
  io::testing::ScratchFolder scratch;
  const auto c = small_case();
  const fs::path dir = scratch / "other";
  run::run_case(c, into(dir));
  auto other = c;
  other.serum.concentration_kg_m3 = 10.0;
  EXPECT_THROW(run::run_case(other, into(dir)), UsageError);
  EXPECT_NO_THROW(run::run_case(other, into(dir, false, true)));
  EXPECT_NO_THROW(run::run_case(other, into(dir)));  // the same case again is fine
}

}  // namespace
}  // namespace dermaflux
