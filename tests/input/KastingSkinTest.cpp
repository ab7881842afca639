// `skin.estimates: kasting`: every layer the case leaves without D or K gets the
// Dancik/Kasting estimate of the serum's own active (input/KastingEstimates.hpp), the
// stratum corneum hydrated or not as the dose leaves it, each value recorded with its
// formula; values the case gives stay.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "input/CaseReader.hpp"
#include "input/CaseWriter.hpp"
#include "input/KastingEstimates.hpp"

namespace dermaflux::input {
namespace {

const std::filesystem::path kCasesDir = DERMAFLUX_CASES_DIR;

Case read_forearm(const std::string& dose, const std::string& extra_layers = "") {
  const std::string text = "name: forearm\nskin:\n  preset: forearm\n  estimates: kasting\n" +
                           extra_layers + "serum:\n  preset: caffeine_3pct\n  dose: " + dose +
                           "\ntime: {end: 1 h}\n";
  return read_case_text(text, "case.yaml", kCasesDir);
}

const kasting::Active kCaffeine{194.19, -0.07, 0.0, 1.0};

TEST(KastingSkin, EveryLayerGetsTheModelsEstimate) {
  const Case c = read_forearm("10 uL/cm^2");
  const Layer& sc = c.layers.front();
  const kasting::StratumCorneum expected =
      kasting::stratum_corneum(kCaffeine, kasting::Hydration::Partial, sc.thickness_m, true);
  EXPECT_DOUBLE_EQ(sc.partition, expected.partition);
  EXPECT_NEAR(sc.partition * sc.diffusivity_m2_s / sc.thickness_m, expected.permeability_m_s,
              1e-12 * expected.permeability_m_s);
  const kasting::AqueousTissue tissue = kasting::aqueous_tissue(kCaffeine);
  for (std::size_t n = 1; n < c.layers.size(); ++n) {
    EXPECT_DOUBLE_EQ(c.layers[n].diffusivity_m2_s, tissue.diffusivity_m2_s) << c.layers[n].name;
    EXPECT_DOUBLE_EQ(c.layers[n].partition, tissue.partition) << c.layers[n].name;
  }
  ASSERT_EQ(c.estimates.size(), 2 * c.layers.size());
  EXPECT_NE(c.estimates.front().formula.find("partially hydrated"), std::string::npos);
  EXPECT_NE(c.estimates.front().formula.find("MW = 194.19, log P = -0.07"), std::string::npos);
  EXPECT_NE(write_case_yaml(c).find("brick-and-mortar"), std::string::npos);
}

TEST(KastingSkin, AnInfiniteDoseHydratesTheStratumCorneum) {
  const Case open = read_forearm("10 uL/cm^2");
  const Case soaked = read_forearm("infinite");
  EXPECT_GT(soaked.layers.front().diffusivity_m2_s * soaked.layers.front().partition,
            open.layers.front().diffusivity_m2_s * open.layers.front().partition);
  EXPECT_NE(soaked.estimates.front().formula.find("fully hydrated"), std::string::npos);
}

TEST(KastingSkin, ClearanceEstimatedIsTheDermalCapillaries) {
  const Case c =
      read_forearm("10 uL/cm^2", "  layers:\n    - {name: dermis, clearance: estimated}\n");
  const kasting::AqueousTissue tissue = kasting::aqueous_tissue(kCaffeine);
  EXPECT_DOUBLE_EQ(c.layers.back().clearance_1_s,
                   kasting::dermal_clearance_1_s(kCaffeine, tissue.binding_factor));
  EXPECT_EQ(c.layers[1].clearance_1_s, 0.0);  // only where asked
  EXPECT_EQ(c.estimates.back().property, "clearance");
  const std::string resolved = write_case_yaml(c);
  EXPECT_NE(resolved.find("blood flow"), std::string::npos) << resolved;
}

TEST(KastingSkin, ClearanceEstimatedNeedsTheKastingModel) {
  const std::string text =
      "name: forearm\nskin:\n  preset: forearm\n  estimates: potts_guy_1992\n  layers:\n"
      "    - {name: dermis, clearance: "
      "estimated}\nserum:\n  preset: caffeine_3pct\ntime: {end: 1 h}\n";
  try {
    read_case_text(text, "case.yaml", kCasesDir);
    FAIL() << "accepted";
  } catch (const std::exception& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("case.yaml:6:"), std::string::npos) << message;
    EXPECT_NE(message.find("skin.layers[0].clearance"), std::string::npos) << message;
    EXPECT_NE(message.find("needs skin.estimates: kasting"), std::string::npos) << message;
  }
}

}  // namespace
}  // namespace dermaflux::input
