// Presets that cannot be found or do not fit the case.

#include <gtest/gtest.h>

#include "input/CaseTestSupport.hpp"

namespace dermaflux::input {
namespace {

using testing::expect_input_error;
using testing::with_serum;
using testing::with_skin;

std::string test_preset_path(const std::string& folder, const std::string& name) {
  return (testing::test_cases_dir() / folder / (name + ".yaml")).string();
}

TEST(CasePresetErrors, UnknownSkinPresetListsTheAvailableOnes) {
  expect_input_error(with_skin("skin:\n  preset: forarm"), "case.yaml:3:11", "skin.preset",
                     {"expected the name of a preset in skins/", "forearm", "two_layer",
                      "found \"forarm\"", "did you mean \"forearm\"?", "searched"});
}

TEST(CasePresetErrors, UnknownSerumPreset) {
  expect_input_error(with_serum("serum:\n  preset: vitamin_c\n  dose: 10 uL/cm^2"),
                     "case.yaml:13:11", "serum.preset",
                     {"expected the name of a preset in serums/", "caffeine_3pct", "test_serum",
                      "found \"vitamin_c\""});
}

TEST(CasePresetErrors, PresetNameThatIsAPath) {
  expect_input_error(
      with_skin("skin:\n  preset: ../skins/forearm"), "case.yaml:3:11", "skin.preset",
      {"expected a preset name made of letters, digits, _ . -", "found \"../skins/forearm\""});
}

TEST(CasePresetErrors, CaseLayerThePresetDoesNotHave) {
  expect_input_error(with_skin("skin:\n"
                               "  preset: two_layer\n"
                               "  layers:\n"
                               "    - name: hypodermis\n"
                               "      thickness: 3 mm"),
                     "case.yaml:5:13", "skin.layers[0].name",
                     {"expected the name of a layer of skin preset \"two_layer\": stratum_corneum, "
                      "dermis",
                      "found \"hypodermis\""});
}

TEST(CasePresetErrors, CaseLayerNameNearAPresetLayer) {
  expect_input_error(with_skin("skin:\n"
                               "  preset: two_layer\n"
                               "  layers:\n"
                               "    - name: dermiss\n"
                               "      partition: 1"),
                     "case.yaml:5:13", "skin.layers[0].name",
                     {"found \"dermiss\"", "did you mean \"dermis\"?"});
}

TEST(CasePresetErrors, PresetLayerNobodyCompletes) {
  expect_input_error(with_skin("skin:\n  preset: two_layer"),
                     test_preset_path("skins", "two_layer") + ":9:5", "layers[1].diffusivity",
                     {"expected a positive diffusivity", "found no \"diffusivity\" key",
                      "the preset does not give it: add a layer \"name: dermis\""});
}

TEST(CasePresetErrors, CaseLayerStillMissingAKeyAfterMerging) {
  expect_input_error(with_skin("skin:\n"
                               "  preset: two_layer\n"
                               "  layers:\n"
                               "    - name: dermis\n"
                               "      diffusivity: 6e-7 cm^2/s"),
                     "case.yaml:5:7", "skin.layers[0].partition",
                     {"found no \"partition\" key", "add \"partition:\" to this layer"});
}

TEST(CasePresetErrors, BadValueInsideAPresetNamesThePresetFile) {
  expect_input_error(
      with_skin("skin:\n  preset: broken_unit"), test_preset_path("skins", "broken_unit") + ":3:16",
      "layers[0].thickness",
      {"expected a positive length", "found \"15 furlong\"", "unknown unit 'furlong'"});
}

TEST(CasePresetErrors, SerumKeyMissingFromCaseAndPreset) {
  expect_input_error(
      with_serum("serum:\n  preset: test_serum"), "case.yaml:13:3", "serum.dose",
      {"found no \"dose\" key", "neither the case nor the serum preset \"test_serum\" gives it"});
}

TEST(CasePresetErrors, PresetThatIsNotAMapping) {
  expect_input_error(
      with_skin("skin:\n  preset: minimal_list"),
      test_preset_path("skins", "minimal_list") + ":1:1", "",
      {"expected a skin preset: a mapping with description, sources and layers", "found a list"});
}

}  // namespace
}  // namespace dermaflux::input
