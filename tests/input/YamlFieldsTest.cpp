// The located-node helpers, and the yaml-cpp behaviour they rely on.

#include <gtest/gtest.h>

#include <yaml-cpp/yaml.h>

#include "input/NumberText.hpp"
#include "input/YamlFields.hpp"

namespace dermaflux::input {
namespace {

TEST(YamlCppBehaviour, RepeatedKeysAreKeptAndLookupSeesTheFirst) {
  // Arrange and act
  const YAML::Node node = YAML::Load("a: 1\nb: 2\na: 3\n");
  // Assert: why Mapping walks the entries to find repeats
  EXPECT_EQ(node.size(), 3u);
  EXPECT_EQ(node["a"].as<int>(), 1);
}

TEST(YamlCppBehaviour, EmptyValueCarriesTheNextTokensMark) {
  // Arrange and act
  const YAML::Node node = YAML::Load("a:\nb: 2\n");
  // Assert: why an empty value is located at its key
  EXPECT_TRUE(node["a"].IsNull());
  EXPECT_EQ(node["a"].Mark().line, 1);
}

TEST(YamlFields, LocationsAreOneBased) {
  const SourceLocation where = location_of(YAML::Mark(), "f.yaml");
  EXPECT_EQ(where.line, 1);
  EXPECT_EQ(where.column, 1);
  EXPECT_EQ(location_of(YAML::Mark::null_mark(), "f.yaml").line, 0);
}

TEST(YamlFields, ClosestMatchOnlyForNearMisses) {
  const std::vector<std::string_view> keys{"thickness", "diffusivity", "partition"};
  EXPECT_EQ(closest_match("thicknes", keys), "thickness");
  EXPECT_EQ(closest_match("partitoin", keys), "partition");
  EXPECT_EQ(closest_match("diffusion", keys), std::nullopt);
  EXPECT_EQ(closest_match("colour", keys), std::nullopt);
}

TEST(YamlFields, ChildPaths) {
  EXPECT_EQ(child_path("", "name"), "name");
  EXPECT_EQ(child_path("skin.layers[1]", "thickness"), "skin.layers[1].thickness");
}

TEST(NumberText, PlainNumbersAreStrict) {
  EXPECT_EQ(parse_finite_number("0.8"), 0.8);
  EXPECT_EQ(parse_finite_number(" -0.07 "), -0.07);
  EXPECT_EQ(parse_finite_number("+2"), 2.0);
  EXPECT_EQ(parse_finite_number("1e-12"), 1e-12);
  for (const char* text : {"", " ", "nan", "inf", ".nan", "1e999", "0.8x", "0x10", "1,5", "--1"}) {
    EXPECT_EQ(parse_finite_number(text), std::nullopt) << text;
  }
}

TEST(NumberText, IntegersAreDigitsOnly) {
  EXPECT_EQ(parse_integer("4"), 4);
  EXPECT_EQ(parse_integer("-3"), -3);
  EXPECT_EQ(parse_integer("+5"), 5);
  for (const char* text : {"4.5", "4e0", "0x4", "4 cells", "", "99999999999999999999"}) {
    EXPECT_EQ(parse_integer(text), std::nullopt) << text;
  }
}

}  // namespace
}  // namespace dermaflux::input
