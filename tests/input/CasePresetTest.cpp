// Presets found and merged: the shipped forearm and caffeine_3pct presets, test
// presets next to the case, and the search order.

#include <gtest/gtest.h>

#include <cstdlib>
#include <optional>

#include "input/CaseTestSupport.hpp"

namespace dermaflux::input {
namespace {

using testing::read_test_case;
using testing::with_serum;
using testing::with_skin;

TEST(CasePresets, ShippedPresetsMergeWithTheCase) {
  // Act
  const Case result = read_case(testing::test_cases_dir() / "with_presets.yaml");
  // Assert: thicknesses from the preset unless the case overrides them
  EXPECT_EQ(result.skin_preset, "forearm");
  ASSERT_EQ(result.layers.size(), 3u);
  EXPECT_EQ(result.layers[0].name, "stratum_corneum");
  EXPECT_EQ(result.layers[0].thickness_m, 15e-6);
  EXPECT_EQ(result.layers[0].diffusivity_m2_s, 2.0e-14);
  EXPECT_EQ(result.layers[1].name, "viable_epidermis");
  EXPECT_EQ(result.layers[1].thickness_m, 100e-6);
  EXPECT_EQ(result.layers[2].name, "dermis");
  EXPECT_EQ(result.layers[2].thickness_m, 1200e-6);
  EXPECT_EQ(result.serum.preset, "caffeine_3pct");
  EXPECT_EQ(result.serum.active, "caffeine");
  EXPECT_EQ(result.serum.molar_mass_kg_mol, 0.19419);
  EXPECT_EQ(result.serum.log_p, -0.07);
  EXPECT_EQ(result.serum.concentration_kg_m3, 30.0);
  EXPECT_EQ(result.serum.dose_m, 1e-4);
  EXPECT_EQ(result.serum.diffusivity_m2_s, 6.0e-10);
}

TEST(CasePresets, ShippedForearmPresetGivesThicknessesOnly) {
  // Act and assert: every layer lacks a partition and a diffusivity until the case
  // gives them or the serum's molecular weight and log P let them be estimated
  // (the barrier's partition first: its estimated diffusivity depends on it).
  try {
    read_test_case(with_skin("skin:\n  preset: forearm"));
    ADD_FAILURE() << "the forearm preset alone should not be enough";
  } catch (const InputError& error) {
    EXPECT_EQ(error.key_path(), "layers[0].partition");
    EXPECT_NE(std::string(error.what()).find("molecular_weight and log_p"), std::string::npos)
        << error.what();
    EXPECT_EQ(error.where().file, (project_cases_dir() / "skins" / "forearm.yaml").string());
  }
}

TEST(CasePresets, CaseLayersOverrideKeyByKeyInPresetOrder) {
  // Arrange: the case lists only the dermis, and overrides its thickness too
  const std::string text = with_skin(
      "skin:\n"
      "  preset: two_layer\n"
      "  layers:\n"
      "    - name: dermis\n"
      "      thickness: 800 um\n"
      "      diffusivity: 6e-7 cm^2/s\n"
      "      partition: 1\n"
      "      clearance: 1e-4 1/s");
  // Act
  const Case result = read_test_case(text);
  // Assert
  ASSERT_EQ(result.layers.size(), 2u);
  EXPECT_EQ(result.layers[0].name, "stratum_corneum");
  EXPECT_EQ(result.layers[0].thickness_m, 20e-6);
  EXPECT_EQ(result.layers[0].diffusivity_m2_s, 1e-14);
  EXPECT_EQ(result.layers[0].partition, 0.5);
  EXPECT_EQ(result.layers[1].name, "dermis");
  EXPECT_EQ(result.layers[1].thickness_m, 800e-6);
  EXPECT_EQ(result.layers[1].diffusivity_m2_s, 6e-11);
  EXPECT_EQ(result.layers[1].clearance_1_s, 1e-4);
}

TEST(CasePresets, SerumPresetWithoutActiveIsNamedAfterThePreset) {
  // Act
  const Case result = read_test_case(with_serum("serum:\n  preset: test_serum\n  dose: infinite"));
  // Assert
  EXPECT_EQ(result.serum.active, "test_serum");
  EXPECT_EQ(result.serum.concentration_kg_m3, 5.0);
  EXPECT_TRUE(result.serum.infinite_dose);
}

TEST(CasePresets, CaseSerumKeysOverrideThePreset) {
  // Act
  const Case result = read_test_case(
      with_serum("serum:\n  preset: caffeine_3pct\n  active: coffee\n  concentration: 5 %"));
  // Assert
  EXPECT_EQ(result.serum.active, "coffee");
  EXPECT_EQ(result.serum.concentration_kg_m3, 50.0);
  EXPECT_EQ(result.serum.dose_m, 1e-4);
}

TEST(CasePresets, TheCaseFolderIsSearchedFirst) {
  // Arrange: tests/data/shadowing/serums/caffeine_3pct.yaml has 1 mg/mL
  const std::string text = with_serum("serum:\n  preset: caffeine_3pct");
  const std::filesystem::path shadowing =
      std::filesystem::path(DERMAFLUX_TEST_DATA_DIR) / "shadowing";
  // Act
  const Case from_case_folder = read_case_text(text, "case.yaml", shadowing);
  const Case from_project = read_case_text(text, "case.yaml", testing::test_cases_dir());
  // Assert
  EXPECT_EQ(from_case_folder.serum.concentration_kg_m3, 1.0);
  EXPECT_EQ(from_project.serum.concentration_kg_m3, 30.0);
}

// Sets DERMAFLUX_CASES for one test and restores it after.
class CasesEnvironment {
 public:
  explicit CasesEnvironment(const std::filesystem::path& folder) {
    if (const char* old = std::getenv("DERMAFLUX_CASES")) previous_ = old;
    setenv("DERMAFLUX_CASES", folder.c_str(), 1);
  }
  ~CasesEnvironment() {
    if (previous_) {
      setenv("DERMAFLUX_CASES", previous_->c_str(), 1);
    } else {
      unsetenv("DERMAFLUX_CASES");
    }
  }
  CasesEnvironment(const CasesEnvironment&) = delete;
  CasesEnvironment& operator=(const CasesEnvironment&) = delete;

 private:
  std::optional<std::string> previous_;
};

TEST(CasePresets, EnvironmentVariableReplacesTheProjectFolder) {
  // Arrange
  const std::filesystem::path shadowing =
      std::filesystem::path(DERMAFLUX_TEST_DATA_DIR) / "shadowing";
  const CasesEnvironment environment(shadowing);
  // Act: the case folder (tests/data/cases/skins) has no serums/ of its own
  const Case result = read_case_text(with_serum("serum:\n  preset: caffeine_3pct"), "case.yaml",
                                     testing::test_cases_dir() / "skins");
  // Assert
  EXPECT_EQ(project_cases_dir(), shadowing);
  EXPECT_EQ(result.serum.concentration_kg_m3, 1.0);
}

TEST(CasePresets, ProjectFolderDefaultsToTheCompiledInPath) {
  // Arrange
  const CasesEnvironment environment("");
  // Act and assert: an empty variable counts as unset
  EXPECT_EQ(project_cases_dir(), std::filesystem::path(DERMAFLUX_CASES_DIR));
}

}  // namespace
}  // namespace dermaflux::input
