// Values of the wrong kind: quantities with a bad number, unit or sign, plain numbers
// that are not, names that break the rules, words outside their choices.

#include <gtest/gtest.h>

#include "input/CaseTestSupport.hpp"

namespace dermaflux::input {
namespace {

using testing::expect_input_error;
using testing::kValidCase;
using testing::replace_line;

// Line 5 of the valid case holds the first layer's thickness, its value at column 18.
std::string with_thickness(const std::string& value) {
  return replace_line(kValidCase, 5, "      thickness: " + value);
}

// Line 7 holds the first layer's partition, its value at column 18.
std::string with_partition(const std::string& value) {
  return replace_line(kValidCase, 7, "      partition: " + value);
}

TEST(CaseValueErrors, WrongDimension) {
  expect_input_error(replace_line(kValidCase, 6, "      diffusivity: 3 mm"), "case.yaml:6:20",
                     "skin.layers[0].diffusivity",
                     {"expected a positive diffusivity such as \"2.5e-10 cm^2/s\"",
                      "found \"3 mm\"", "'3 mm' is a length, not a diffusivity"});
}

TEST(CaseValueErrors, WrongDimensionForATime) {
  expect_input_error(replace_line(kValidCase, 17, "  end: 24 um"), "case.yaml:17:8", "time.end",
                     {"expected a positive time", "found \"24 um\"", "is a length, not a time"});
}

TEST(CaseValueErrors, UnknownUnit) {
  expect_input_error(with_thickness("15 furlong"), "case.yaml:5:18", "skin.layers[0].thickness",
                     {"expected a positive length such as \"15 um\"", "found \"15 furlong\"",
                      "unknown unit 'furlong'"});
}

TEST(CaseValueErrors, MissingUnit) {
  expect_input_error(with_thickness("15"), "case.yaml:5:18", "skin.layers[0].thickness",
                     {"expected a positive length", "found \"15\"", "needs a unit, e.g. 15 um"});
}

TEST(CaseValueErrors, NegativeLength) {
  expect_input_error(with_thickness("-70 um"), "case.yaml:5:18", "skin.layers[0].thickness",
                     {"expected a positive length", "found \"-70 um\"", "must be greater than 0"});
}

TEST(CaseValueErrors, ZeroLength) {
  expect_input_error(with_thickness("0 um"), "case.yaml:5:18", "skin.layers[0].thickness",
                     {"expected a positive length", "found \"0 um\""});
}

TEST(CaseValueErrors, NegativeDiffusivity) {
  expect_input_error(replace_line(kValidCase, 10, "      diffusivity: -6.0e-7 cm^2/s"),
                     "case.yaml:10:20", "skin.layers[1].diffusivity",
                     {"expected a positive diffusivity", "found \"-6.0e-7 cm^2/s\""});
}

TEST(CaseValueErrors, ZeroDiffusivity) {
  expect_input_error(replace_line(kValidCase, 15, "  diffusivity: 0 cm^2/s"), "case.yaml:15:16",
                     "serum.diffusivity",
                     {"expected a positive diffusivity", "found \"0 cm^2/s\""});
}

TEST(CaseValueErrors, NegativeClearance) {
  expect_input_error(replace_line(kValidCase, 11, "      partition: 1.0\n      clearance: -1 1/s"),
                     "case.yaml:12:18", "skin.layers[1].clearance",
                     {"expected a non-negative rate", "found \"-1 1/s\"", "must not be negative"});
}

TEST(CaseValueErrors, NanQuantity) {
  expect_input_error(with_thickness(".nan um"), "case.yaml:5:18", "skin.layers[0].thickness",
                     {"found \".nan um\"", "not a finite number"});
}

TEST(CaseValueErrors, InfiniteQuantity) {
  expect_input_error(with_thickness("inf um"), "case.yaml:5:18", "skin.layers[0].thickness",
                     {"found \"inf um\"", "not a finite number"});
}

TEST(CaseValueErrors, OverflowingQuantity) {
  expect_input_error(with_thickness("1e999 um"), "case.yaml:5:18", "skin.layers[0].thickness",
                     {"found \"1e999 um\"", "too large or too small"});
}

TEST(CaseValueErrors, NanPlainNumber) {
  expect_input_error(
      with_partition(".nan"), "case.yaml:7:18", "skin.layers[0].partition",
      {"expected a positive number such as 0.8", "found \".nan\"", "not a finite number"});
}

TEST(CaseValueErrors, InfinitePlainNumber) {
  expect_input_error(with_partition(".inf"), "case.yaml:7:18", "skin.layers[0].partition",
                     {"found \".inf\"", "not a finite number"});
}

TEST(CaseValueErrors, OverflowingPlainNumber) {
  expect_input_error(with_partition("1e999"), "case.yaml:7:18", "skin.layers[0].partition",
                     {"found \"1e999\"", "too large or too small for a double"});
}

TEST(CaseValueErrors, PlainNumberWithAUnit) {
  expect_input_error(with_partition("0.8 um"), "case.yaml:7:18", "skin.layers[0].partition",
                     {"found \"0.8 um\"", "a plain number, without a unit"});
}

TEST(CaseValueErrors, ZeroPartition) {
  expect_input_error(with_partition("0"), "case.yaml:7:18", "skin.layers[0].partition",
                     {"expected a positive number", "found \"0\""});
}

TEST(CaseValueErrors, NegativeBinding) {
  expect_input_error(replace_line(kValidCase, 7, "      partition: 0.8\n      binding: -1"),
                     "case.yaml:8:16", "skin.layers[0].binding",
                     {"expected a number of 0 or more", "found \"-1\""});
}

TEST(CaseValueErrors, LogPThatIsNotANumber) {
  expect_input_error(replace_line(kValidCase, 13, "  log_p: high\n  concentration: 30 mg/mL"),
                     "case.yaml:13:10", "serum.log_p",
                     {"expected a number such as -0.07", "found \"high\""});
}

TEST(CaseValueErrors, DoseTypoSuggestsInfinite) {
  expect_input_error(replace_line(kValidCase, 14, "  dose: infinte"), "case.yaml:14:9",
                     "serum.dose",
                     {"or infinite", "found \"infinte\"", "did you mean \"infinite\"?"});
}

TEST(CaseValueErrors, DoseWithAVolumeOnly) {
  expect_input_error(replace_line(kValidCase, 14, "  dose: 10 uL"), "case.yaml:14:9", "serum.dose",
                     {"found \"10 uL\"", "is a volume, not a volume per area"});
}

TEST(CaseValueErrors, EmptyActiveName) {
  expect_input_error(replace_line(kValidCase, 13, "  active: \"\"\n  concentration: 30 mg/mL"),
                     "case.yaml:13:11", "serum.active",
                     {"expected the name of the active", "found \"\""});
}

TEST(CaseValueErrors, NameThatClimbsOut) {
  expect_input_error(
      replace_line(kValidCase, 1, "name: ../evil"), "case.yaml:1:7", "name",
      {"expected a case name of 1 to 100 letters, digits, _ . -", "found \"../evil\""});
}

TEST(CaseValueErrors, NameWithASlash) {
  expect_input_error(replace_line(kValidCase, 1, "name: a/b"), "case.yaml:1:7", "name",
                     {"found \"a/b\"", "cannot hold / or spaces"});
}

TEST(CaseValueErrors, NameOfDotsOnly) {
  expect_input_error(replace_line(kValidCase, 1, "name: .."), "case.yaml:1:7", "name",
                     {"(not only dots)", "found \"..\""});
}

TEST(CaseValueErrors, EmptyQuotedName) {
  expect_input_error(replace_line(kValidCase, 1, "name: \"\""), "case.yaml:1:7", "name",
                     {"expected a case name", "found \"\""});
}

TEST(CaseValueErrors, NameWithNoValue) {
  expect_input_error(replace_line(kValidCase, 1, "name:"), "case.yaml:1:1", "name",
                     {"expected a case name", "found an empty value"});
}

TEST(CaseValueErrors, NameTooLong) {
  expect_input_error(replace_line(kValidCase, 1, "name: " + std::string(101, 'x')), "case.yaml:1:7",
                     "name", {"1 to 100"});
}

TEST(CaseValueErrors, NameThatIsAList) {
  expect_input_error(replace_line(kValidCase, 1, "name: [a, b]"), "case.yaml:1:7", "name",
                     {"expected a case name", "found a list"});
}

TEST(CaseValueErrors, LayerNameWithASpace) {
  expect_input_error(
      replace_line(kValidCase, 4, "    - name: stratum corneum"), "case.yaml:4:13",
      "skin.layers[0].name",
      {"expected a layer name made of letters, digits and _", "found \"stratum corneum\""});
}

TEST(CaseValueErrors, DuplicateLayerNames) {
  expect_input_error(replace_line(kValidCase, 8, "    - name: stratum_corneum"), "case.yaml:8:13",
                     "skin.layers[1].name",
                     {"expected a layer name not used by an earlier layer",
                      "found \"stratum_corneum\"", "skin.layers[0] on line 4 has it already"});
}

TEST(CaseValueErrors, EmptyLayerList) {
  expect_input_error(testing::with_skin("skin:\n  layers: []"), "case.yaml:3:11", "skin.layers",
                     {"expected a list of at least one layer", "found a list"});
}

TEST(CaseValueErrors, UnknownLateralBoundary) {
  expect_input_error(kValidCase + "domain:\n  lateral: sideways\n", "case.yaml:20:12",
                     "domain.lateral", {"expected periodic or no_flux", "found \"sideways\""});
}

TEST(CaseValueErrors, BottomBoundaryNearMiss) {
  expect_input_error(kValidCase + "domain:\n  bottom: sinks\n", "case.yaml:20:11", "domain.bottom",
                     {"expected sink or no_flux", "found \"sinks\"", "did you mean \"sink\"?"});
}

}  // namespace
}  // namespace dermaflux::input
