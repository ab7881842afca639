// Files whose YAML or shape is wrong: syntax errors, empty files, unknown and
// repeated keys, a list where a mapping belongs, a needles section of the wrong shape.

#include <gtest/gtest.h>

#include "input/CaseTestSupport.hpp"

namespace dermaflux::input {
namespace {

using testing::expect_input_error;
using testing::kValidCase;
using testing::replace_line;
using testing::replace_lines;

TEST(CaseStructureErrors, MalformedYamlGivesTheParserPosition) {
  expect_input_error(replace_line(kValidCase, 5, "      thickness: 15 um: x"), "case.yaml:5:23", "",
                     {"expected well-formed YAML", "found \"thickness: 15 um: x\"",
                      "YAML syntax: illegal map value"});
}

TEST(CaseStructureErrors, UnclosedFlowList) {
  expect_input_error(
      replace_line(kValidCase, 18, "  outputs: [1 h, 2 h"), "case.yaml:19:1", "",
      {"expected well-formed YAML", "found the end of the file", "end of sequence flow not found"});
}

TEST(CaseStructureErrors, EmptyFile) {
  expect_input_error(
      "", "case.yaml:1:1", "",
      {"expected a case: a mapping with name, skin, serum and time", "found an empty file"});
}

TEST(CaseStructureErrors, CommentsOnlyFile) {
  expect_input_error("# nothing here yet\n\n", "case.yaml:1:1", "", {"found an empty file"});
}

TEST(CaseStructureErrors, FileThatIsAList) {
  expect_input_error("- name: x\n- skin: y\n", "case.yaml:1:1", "",
                     {"expected a case: a mapping", "found a list"});
}

TEST(CaseStructureErrors, FileThatIsAScalar) {
  expect_input_error("\n  hello\n", "case.yaml:2:3", "",
                     {"expected a case: a mapping", "found \"hello\""});
}

// Found by the fuzzer: yaml-cpp 0.7's LoadAll() never returns on a lone ",".
TEST(CaseStructureErrors, LoneCommaIsAnEmptyDocumentNotAHang) {
  expect_input_error(",", "case.yaml:1:1", "", {"found an empty file"});
}

TEST(CaseStructureErrors, SecondYamlDocument) {
  expect_input_error(kValidCase + "---\nname: other\n", "case.yaml:19:1", "",
                     {"expected a single YAML document", "found a second document"});
}

TEST(CaseStructureErrors, UnknownTopLevelKeySuggestsTheNearMiss) {
  expect_input_error(
      replace_line(kValidCase, 1, "nmae: test-case"), "case.yaml:1:1", "nmae",
      {"expected one of the keys name, skin, serum, exposure, needles, domain, mesh, "
       "time, solver, output",
       "found \"nmae\"", "did you mean \"name\"?"});
}

TEST(CaseStructureErrors, UnknownNestedKeySuggestsTheNearMiss) {
  expect_input_error(replace_line(kValidCase, 5, "      thicknes: 15 um"), "case.yaml:5:7",
                     "skin.layers[0].thicknes",
                     {"expected one of the keys name, thickness, diffusivity, partition, binding, "
                      "clearance",
                      "found \"thicknes\"", "did you mean \"thickness\"?"});
}

TEST(CaseStructureErrors, UnknownKeyFarFromAnyListsThemAll) {
  expect_input_error(
      kValidCase + "colour: blue\n", "case.yaml:19:1", "colour",
      {"one of the keys name, skin", "found \"colour\"", "remove it or fix its spelling"});
}

TEST(CaseStructureErrors, UnknownKeyInTheSerum) {
  expect_input_error(replace_line(kValidCase, 13, "  concentraton: 30 mg/mL"), "case.yaml:13:3",
                     "serum.concentraton",
                     {"one of the keys preset, active, molecular_weight", "found \"concentraton\"",
                      "did you mean \"concentration\"?"});
}

TEST(CaseStructureErrors, DuplicateTopLevelKey) {
  expect_input_error(kValidCase + "name: again\n", "case.yaml:19:1", "name",
                     {"expected each key at most once", "found \"name\" a second time",
                      "(first on line 1; remove one of them)"});
}

TEST(CaseStructureErrors, DuplicateNestedKey) {
  expect_input_error(replace_line(kValidCase, 5, "      thickness: 15 um\n      thickness: 20 um"),
                     "case.yaml:6:7", "skin.layers[0].thickness",
                     {"expected each key at most once", "found \"thickness\" a second time",
                      "(first on line 5; remove one of them)"});
}

TEST(CaseStructureErrors, DuplicateKeyInFlowMapping) {
  expect_input_error(replace_lines(kValidCase, 16, 18, "time: {end: 1 h, end: 2 h}"),
                     "case.yaml:16:18", "time.end", {"each key at most once"});
}

TEST(CaseStructureErrors, ListWhereAMappingBelongs) {
  expect_input_error(replace_lines(kValidCase, 16, 18, "time:\n  - end: 24 h"), "case.yaml:17:3",
                     "time",
                     {"expected the time settings: a mapping with end and output_every or outputs",
                      "found a list"});
}

TEST(CaseStructureErrors, ScalarWhereAMappingBelongs) {
  expect_input_error(replace_lines(kValidCase, 16, 18, "time: 24 h"), "case.yaml:16:7", "time",
                     {"expected the time settings: a mapping", "found \"24 h\""});
}

TEST(CaseStructureErrors, MappingWhereAListBelongs) {
  expect_input_error(testing::with_skin("skin:\n  layers:\n    name: x"), "case.yaml:4:5",
                     "skin.layers",
                     {"expected a list of layers, from the surface down", "found a mapping"});
}

TEST(CaseStructureErrors, ListElementThatIsNotAMapping) {
  expect_input_error(testing::with_skin("skin:\n  layers:\n    - stratum_corneum"), "case.yaml:4:7",
                     "skin.layers[0]",
                     {"expected a layer: a mapping with name, thickness, diffusivity and partition",
                      "found \"stratum_corneum\""});
}

TEST(CaseStructureErrors, EmptySectionValue) {
  expect_input_error(replace_lines(kValidCase, 12, 15, "serum:"), "case.yaml:12:1", "serum",
                     {"expected the serum: a mapping", "found an empty value"});
}

TEST(CaseStructureErrors, UnknownNeedlesKey) {
  expect_input_error(kValidCase + "needles:\n  patern: square\n  pitch: 500 um\n", "case.yaml:20:3",
                     "needles.patern",
                     {"expected one of the keys device, pattern, shape", "found \"patern\"",
                      "did you mean \"pattern\"?"});
}

TEST(CaseStructureErrors, NeedlesThatAreNotAMapping) {
  expect_input_error(kValidCase + "needles: square\n", "case.yaml:19:10", "needles",
                     {"expected the needles: a mapping", "found \"square\""});
}

TEST(CaseStructureErrors, BinaryFileWithANulByte) {
  expect_input_error(std::string("name: x\nskin:\0\x01\x02", 16), "case.yaml:2:6", "",
                     {"expected a text file (UTF-8)", "found a NUL byte", "binary file"});
}

TEST(CaseStructureErrors, FileThatIsNotUtf8) {
  // "café" saved as Latin-1: the é is the single byte 0xE9.
  expect_input_error(replace_line(kValidCase, 1, "name: caf\xE9"), "case.yaml:1:10", "",
                     {"expected a text file (UTF-8)", "found the byte 0xE9, which is not UTF-8",
                      "save the file as UTF-8 text"});
}

TEST(CaseStructureErrors, Utf8TextIsAccepted) {
  // Multi-byte characters (µ, an em dash, an emoji) in comments and units are text.
  const std::string text =
      replace_line(kValidCase, 5, "      thickness: 15 \xC2\xB5m  # \xE2\x80\x94 \xF0\x9F\x98\x80");
  EXPECT_NO_THROW(testing::read_test_case(text));
}

TEST(CaseStructureErrors, DeeplyNestedFlowListIsAnErrorNotACrash) {
  const std::string text =
      "name: x\nskin: " + std::string(100000, '[') + std::string(100000, ']') + "\n";
  try {
    testing::read_test_case(text);
    ADD_FAILURE() << "no error for 100000 nested lists";
  } catch (const InputError& error) {
    const std::string message = error.what();
    EXPECT_EQ(message.rfind("case.yaml:2:", 0), 0u) << message;
    EXPECT_NE(message.find("expected well-formed YAML"), std::string::npos) << message;
    // The offending line is cut to a readable excerpt, not printed whole.
    EXPECT_LT(message.size(), 300u) << message;
  }
}

TEST(CaseStructureErrors, DeeplyNestedBlockMappingsAreAnErrorNotACrash) {
  std::string text = "name: x\nskin:\n";
  for (int depth = 1; depth <= 5000; ++depth) text += std::string(2 * depth, ' ') + "a:\n";
  try {
    testing::read_test_case(text);
    ADD_FAILURE() << "no error for 5000 nested mappings";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("expected well-formed YAML"), std::string::npos)
        << error.what();
  }
}

}  // namespace
}  // namespace dermaflux::input
