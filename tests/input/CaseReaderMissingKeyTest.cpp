// Required keys that are absent: each error points at the mapping that should hold
// the key and names it.

#include <gtest/gtest.h>

#include "input/CaseTestSupport.hpp"

namespace dermaflux::input {
namespace {

using testing::expect_input_error;
using testing::kValidCase;
using testing::remove_line;
using testing::replace_lines;

TEST(CaseMissingKeys, Name) {
  expect_input_error(remove_line(kValidCase, 1), "case.yaml:1:1", "name",
                     {"expected a case name", "found no \"name\" key", "add \"name:\" here"});
}

TEST(CaseMissingKeys, Skin) {
  expect_input_error(replace_lines(kValidCase, 2, 11, "# no skin"), "case.yaml:1:1", "skin",
                     {"expected the skin: a mapping with layers", "found no \"skin\" key"});
}

TEST(CaseMissingKeys, Serum) {
  expect_input_error(replace_lines(kValidCase, 12, 15, "# no serum"), "case.yaml:1:1", "serum",
                     {"expected the serum: a mapping", "found no \"serum\" key"});
}

TEST(CaseMissingKeys, Time) {
  expect_input_error(replace_lines(kValidCase, 16, 18, "# no time"), "case.yaml:1:1", "time",
                     {"expected the time settings", "found no \"time\" key"});
}

TEST(CaseMissingKeys, TimeEnd) {
  expect_input_error(remove_line(kValidCase, 17), "case.yaml:17:3", "time.end",
                     {"expected a positive time such as \"24 h\"", "found no \"end\" key"});
}

TEST(CaseMissingKeys, SkinLayersWithoutPreset) {
  expect_input_error(testing::with_skin("skin: {}"), "case.yaml:2:7", "skin.layers",
                     {"expected a list of layers", "found no \"layers\" key"});
}

TEST(CaseMissingKeys, LayerName) {
  expect_input_error(
      testing::with_skin("skin:\n"
                         "  layers:\n"
                         "    - thickness: 15 um\n"
                         "      diffusivity: 1e-10 cm^2/s\n"
                         "      partition: 1"),
      "case.yaml:4:7", "skin.layers[0].name",
      {"expected a layer name made of letters, digits and _", "found no \"name\" key"});
}

TEST(CaseMissingKeys, LayerThickness) {
  expect_input_error(remove_line(kValidCase, 5), "case.yaml:4:7", "skin.layers[0].thickness",
                     {"expected a positive length such as \"15 um\"", "found no \"thickness\" key",
                      "add \"thickness:\" to this layer"});
}

TEST(CaseMissingKeys, LayerDiffusivity) {
  expect_input_error(remove_line(kValidCase, 10), "case.yaml:8:7", "skin.layers[1].diffusivity",
                     {"expected a positive diffusivity", "found no \"diffusivity\" key"});
}

TEST(CaseMissingKeys, LayerPartition) {
  expect_input_error(remove_line(kValidCase, 7), "case.yaml:4:7", "skin.layers[0].partition",
                     {"expected a positive number such as 0.8", "found no \"partition\" key"});
}

TEST(CaseMissingKeys, SerumConcentration) {
  expect_input_error(remove_line(kValidCase, 13), "case.yaml:13:3", "serum.concentration",
                     {"expected a positive concentration such as \"30 mg/mL\"",
                      "found no \"concentration\" key", "add \"concentration:\" to the serum"});
}

TEST(CaseMissingKeys, SerumDose) {
  expect_input_error(remove_line(kValidCase, 14), "case.yaml:13:3", "serum.dose",
                     {"expected a positive volume per area such as \"10 uL/cm^2\", or infinite",
                      "found no \"dose\" key"});
}

TEST(CaseMissingKeys, SerumDiffusivity) {
  expect_input_error(remove_line(kValidCase, 15), "case.yaml:13:3", "serum.diffusivity",
                     {"expected a positive diffusivity", "found no \"diffusivity\" key"});
}

}  // namespace
}  // namespace dermaflux::input
