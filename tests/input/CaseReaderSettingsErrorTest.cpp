// Bad numerical and output settings: time, mesh, domain, solver, output.

#include <gtest/gtest.h>

#include "input/CaseTestSupport.hpp"

namespace dermaflux::input {
namespace {

using testing::expect_input_error;
using testing::kValidCase;
using testing::replace_line;

// The valid case with line 18 (`output_every: 1 h`) replaced.
std::string with_line_18(const std::string& line) {
  return replace_line(kValidCase, 18, line);
}

TEST(CaseSettingsErrors, BothOutputEveryAndOutputs) {
  expect_input_error(kValidCase + "  outputs: [1 h, 2 h]\n", "case.yaml:19:12", "time.outputs",
                     {"expected either output_every or outputs, not both", "found both",
                      "output_every is on line 18"});
}

TEST(CaseSettingsErrors, UnsortedOutputs) {
  expect_input_error(with_line_18("  outputs: [1 h, 4 h, 2 h]"), "case.yaml:18:23",
                     "time.outputs[2]",
                     {"expected a time later than the one before it (4 h)", "found \"2 h\""});
}

TEST(CaseSettingsErrors, RepeatedOutput) {
  expect_input_error(with_line_18("  outputs: [1 h, 60 min]"), "case.yaml:18:18", "time.outputs[1]",
                     {"later than the one before it (1 h)", "found \"60 min\""});
}

TEST(CaseSettingsErrors, OutputAfterEnd) {
  expect_input_error(with_line_18("  outputs: [1 h, 25 h]"), "case.yaml:18:18", "time.outputs[1]",
                     {"expected a time after 0 and not after time.end (24 h)", "found \"25 h\""});
}

TEST(CaseSettingsErrors, OutputAtZero) {
  expect_input_error(with_line_18("  outputs: [0 h, 1 h]"), "case.yaml:18:13", "time.outputs[0]",
                     {"expected a time after 0", "found \"0 h\""});
}

TEST(CaseSettingsErrors, EmptyOutputs) {
  expect_input_error(with_line_18("  outputs: []"), "case.yaml:18:12", "time.outputs",
                     {"expected a list of at least one output time", "found a list"});
}

TEST(CaseSettingsErrors, OutputsNotAList) {
  expect_input_error(with_line_18("  outputs: 1 h"), "case.yaml:18:12", "time.outputs",
                     {"expected a list of output times", "found \"1 h\""});
}

TEST(CaseSettingsErrors, TooManyOutputs) {
  expect_input_error(with_line_18("  output_every: 0.1 s"), "case.yaml:18:17", "time.output_every",
                     {"expected an interval giving at most 100000 outputs", "found \"0.1 s\""});
}

TEST(CaseSettingsErrors, ToleranceOutOfRange) {
  expect_input_error(kValidCase + "  tolerance: 0.5\n", "case.yaml:19:14", "time.tolerance",
                     {"expected a number from 1e-10 to 0.1", "found \"0.5\""});
}

TEST(CaseSettingsErrors, ToleranceTooSmall) {
  expect_input_error(kValidCase + "  tolerance: 1e-11\n", "case.yaml:19:14", "time.tolerance",
                     {"found \"1e-11\""});
}

TEST(CaseSettingsErrors, NegativeInitialStep) {
  expect_input_error(kValidCase + "  initial_step: -1 s\n", "case.yaml:19:17", "time.initial_step",
                     {"expected a positive time", "found \"-1 s\""});
}

TEST(CaseSettingsErrors, OrderNeitherTwoNorAuto) {
  expect_input_error(kValidCase + "  order: 3\n", "case.yaml:19:10", "time.order",
                     {"expected 2 (BDF2, the default) or auto", "found \"3\""});
}

TEST(CaseSettingsErrors, NonIntegerMinCellsPerLayer) {
  expect_input_error(kValidCase + "mesh:\n  min_cells_per_layer: 4.5\n", "case.yaml:20:24",
                     "mesh.min_cells_per_layer",
                     {"expected a whole number from 1 to 1000 such as 4", "found \"4.5\"",
                      "a whole number written with digits only"});
}

TEST(CaseSettingsErrors, MinCellsPerLayerOutOfRange) {
  expect_input_error(kValidCase + "mesh:\n  min_cells_per_layer: 0\n", "case.yaml:20:24",
                     "mesh.min_cells_per_layer", {"from 1 to 1000", "found \"0\""});
}

TEST(CaseSettingsErrors, GrowthOutOfRange) {
  expect_input_error(kValidCase + "mesh:\n  growth: 3.5\n", "case.yaml:20:11", "mesh.growth",
                     {"expected a number from 1 to 3 such as 1.2", "found \"3.5\""});
}

TEST(CaseSettingsErrors, GrowthBelowOne) {
  expect_input_error(kValidCase + "mesh:\n  growth: 0.9\n", "case.yaml:20:11", "mesh.growth",
                     {"found \"0.9\""});
}

TEST(CaseSettingsErrors, ZeroLateralSpacing) {
  expect_input_error(kValidCase + "mesh:\n  lateral_spacing: 0 um\n", "case.yaml:20:20",
                     "mesh.lateral_spacing", {"expected a positive length", "found \"0 um\""});
}

TEST(CaseSettingsErrors, TooManyLateralCells) {
  expect_input_error(kValidCase + "domain:\n  width: 2 m\n", "case.yaml:20:10", "domain.width",
                     {"expected at most 100000 cells of mesh.lateral_spacing (10 um) across",
                      "found \"2 m\"", "that is 200000 cells"});
}

TEST(CaseSettingsErrors, TooManyLateralCellsAlongY) {
  expect_input_error(kValidCase + "domain:\n  length: 1.5 m\nmesh:\n  lateral_spacing: 10 um\n",
                     "case.yaml:20:11", "domain.length", {"that is 150000 cells"});
}

TEST(CaseSettingsErrors, LinearToleranceOutOfRange) {
  expect_input_error(kValidCase + "solver:\n  linear_tolerance: 1e-16\n", "case.yaml:20:21",
                     "solver.linear_tolerance",
                     {"expected a number above 1e-16 and at most 1e-3", "found \"1e-16\""});
}

TEST(CaseSettingsErrors, MaxIterationsOverflowing) {
  expect_input_error(
      kValidCase + "solver:\n  max_iterations: 99999999999999999999\n", "case.yaml:20:19",
      "solver.max_iterations",
      {"expected a whole number from 1 to 1000000", "found \"99999999999999999999\""});
}

TEST(CaseSettingsErrors, VtkNotABool) {
  expect_input_error(kValidCase + "output:\n  vtk: maybe\n", "case.yaml:20:8", "output.vtk",
                     {"expected true or false", "found \"maybe\""});
}

TEST(CaseSettingsErrors, VtkANumber) {
  expect_input_error(kValidCase + "output:\n  vtk: 1\n", "case.yaml:20:8", "output.vtk",
                     {"expected true or false", "found \"1\""});
}

TEST(CaseSettingsErrors, EmptyOutputDirectory) {
  expect_input_error(kValidCase + "output:\n  directory: \"\"\n", "case.yaml:20:14",
                     "output.directory", {"expected a folder path", "found \"\""});
}

}  // namespace
}  // namespace dermaflux::input
