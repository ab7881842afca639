// Layer properties estimated from molecular weight and log P: the published
// formulas (shared/reference/PARAMETERS.md) for known molecules, how the reader
// fills and records them, and the errors when it cannot.

#include "input/Estimates.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "input/CaseTestSupport.hpp"
#include "input/CaseWriter.hpp"

namespace dermaflux::input {
namespace {

using testing::expect_input_error;
using testing::read_test_case;

// A case of these skin and serum sections (the skin starts on line 2).
std::string case_text(const std::string& skin, const std::string& serum) {
  return "name: test-case\n" + skin + serum + "time:\n  end: 24 h\n  output_every: 1 h\n";
}

constexpr double kRelative = 1e-12;

// Expected values worked out here from the formulas as published, not through
// the functions under test.
struct Molecule {
  double mw_g_mol;
  double log_p;
};
constexpr Molecule kCaffeine{194.19, -0.07};
constexpr Molecule kNiacinamide{122.12, -0.37};

double kp_1992_cm_h(Molecule m) {
  return std::pow(10.0, -2.7 + 0.71 * m.log_p - 0.0061 * m.mw_g_mol);
}
double kp_2023_cm_h(Molecule m) {
  return std::pow(10.0, -2.55 + 0.65 * m.log_p - 0.0085 * m.mw_g_mol);
}

void expect_relative(double actual, double expected) {
  EXPECT_NEAR(actual, expected, kRelative * std::abs(expected));
}

TEST(Estimates, PottsGuyPermeabilityOfCaffeineAndNiacinamide) {
  for (const Molecule m : {kCaffeine, kNiacinamide}) {
    expect_relative(potts_guy_permeability_m_s(m.mw_g_mol, m.log_p, PermeabilityFit::PottsGuy1992),
                    kp_1992_cm_h(m) / 100.0 / 3600.0);
    expect_relative(potts_guy_permeability_m_s(m.mw_g_mol, m.log_p, PermeabilityFit::Refit2023),
                    kp_2023_cm_h(m) / 100.0 / 3600.0);
  }
  // Caffeine: log10 kp = -2.7 - 0.0497 - 1.184559 = -3.934259 cm/h.
  EXPECT_NEAR(std::log10(kp_1992_cm_h(kCaffeine)), -3.934259, 1e-9);
}

TEST(Estimates, BarrierPartitionAndDiffusivity) {
  // Caffeine: K = 10^(0.7 * -0.07); D = kp h / K for a 15 um stratum corneum.
  const double k = std::pow(10.0, -0.049);
  expect_relative(barrier_partition(kCaffeine.log_p), k);
  const double kp_m_s = kp_1992_cm_h(kCaffeine) * 1e-2 / 3600.0;
  expect_relative(barrier_diffusivity_m2_s(kp_m_s, 15e-6, k), kp_m_s * 15e-6 / k);
  // The layer then has exactly the Potts-Guy permeability: K D / h = kp.
  expect_relative(k * barrier_diffusivity_m2_s(kp_m_s, 15e-6, k) / 15e-6, kp_m_s);
}

TEST(Estimates, KastingFreeDiffusivity) {
  // PARAMETERS.md: MW 194 gives about 2.2e-10 m^2/s.
  expect_relative(aqueous_diffusivity_m2_s(kCaffeine.mw_g_mol),
                  std::pow(10.0, -8.15 - 0.655 * std::log10(194.19)));
  EXPECT_NEAR(aqueous_diffusivity_m2_s(194.0), 2.2e-10, 0.05e-10);
  expect_relative(aqueous_diffusivity_m2_s(kNiacinamide.mw_g_mol),
                  std::pow(10.0, -8.15 - 0.655 * std::log10(122.12)));
}

const std::string kLayersWithoutProperties =
    "skin:\n"
    "  layers:\n"
    "    - name: stratum_corneum\n"
    "      thickness: 15 um\n"
    "    - name: dermis\n"
    "      thickness: 1200 um\n"
    "      diffusivity: 6.0e-7 cm^2/s\n";

// The Potts & Guy estimates are asked for by name: a case that names none gets Kasting's.
const std::string kPottsGuyLayers = kLayersWithoutProperties + "  estimates: potts_guy_1992\n";

const std::string kNiacinamideSerum =
    "serum:\n"
    "  active: niacinamide\n"
    "  molecular_weight: 122.12 g/mol\n"
    "  log_p: -0.37\n"
    "  concentration: 50 mg/mL\n"
    "  dose: 10 uL/cm^2\n"
    "  diffusivity: 6.0e-6 cm^2/s\n";

TEST(Estimates, TheReaderFillsMissingPropertiesAndRecordsThem) {
  // Arrange
  const std::string text = case_text(kPottsGuyLayers, kNiacinamideSerum);
  // Act
  const Case c = read_test_case(text);
  // Assert: the stratum corneum's K and D, the dermis's K (its D was given).
  const double kp_m_s = kp_1992_cm_h(kNiacinamide) * 1e-2 / 3600.0;
  const double k = std::pow(10.0, 0.7 * -0.37);
  expect_relative(c.layers[0].partition, k);
  expect_relative(c.layers[0].diffusivity_m2_s, kp_m_s * 15e-6 / k);
  EXPECT_DOUBLE_EQ(c.layers[1].diffusivity_m2_s, 6.0e-11);
  EXPECT_EQ(c.layers[1].partition, 1.0);
  ASSERT_EQ(c.estimates.size(), 3u);
  EXPECT_EQ(c.estimates[0].layer, "stratum_corneum");
  EXPECT_EQ(c.estimates[0].property, "partition");
  EXPECT_EQ(c.estimates[1].property, "diffusivity");
  EXPECT_NE(c.estimates[1].formula.find("Potts & Guy 1992"), std::string::npos);
  EXPECT_EQ(c.estimates[2].layer, "dermis");
  EXPECT_EQ(c.estimates[2].property, "partition");
}

TEST(Estimates, TheRefitIsUsedWhenAsked) {
  const std::string skin = kLayersWithoutProperties + "  estimates: potts_guy_2023_refit\n";
  const Case c = read_test_case(case_text(skin, kNiacinamideSerum));
  const double k = std::pow(10.0, 0.7 * -0.37);
  expect_relative(c.layers[0].diffusivity_m2_s,
                  kp_2023_cm_h(kNiacinamide) * 1e-2 / 3600.0 * 15e-6 / k);
  EXPECT_NE(c.estimates[1].formula.find("2023 refit"), std::string::npos);
}

TEST(Estimates, ACaseThatNamesNoEstimateGetsKastings) {
  // The validated estimates (docs/validation) are the default: the brick-and-mortar
  // stratum corneum and albumin binding in the tissue below it.
  const Case c = read_test_case(case_text(kLayersWithoutProperties, kNiacinamideSerum));
  ASSERT_EQ(c.estimates.size(), 3u);
  EXPECT_NE(c.estimates[1].formula.find("brick-and-mortar"), std::string::npos)
      << c.estimates[1].formula;
  EXPECT_NE(c.estimates[2].formula.find("albumin binding"), std::string::npos)
      << c.estimates[2].formula;
  EXPECT_NE(c.layers[0].partition, std::pow(10.0, 0.7 * -0.37));
}

TEST(Estimates, TheResolvedCaseHoldsTheValuesAndNamesTheFormula) {
  // Arrange
  const Case original = read_test_case(case_text(kPottsGuyLayers, kNiacinamideSerum));
  // Act
  const std::string written = write_case_yaml(original);
  const Case again = read_case_text(written, "resolved.yaml", testing::test_cases_dir());
  // Assert: the same values bit for bit, nothing left to estimate, formulas in comments.
  EXPECT_EQ(again.layers[0].diffusivity_m2_s, original.layers[0].diffusivity_m2_s);
  EXPECT_EQ(again.layers[0].partition, original.layers[0].partition);
  EXPECT_TRUE(again.estimates.empty());
  EXPECT_NE(written.find("estimated: K = Kow^0.7"), std::string::npos) << written;
}

TEST(Estimates, AMissingPropertyWithoutMolecularWeightIsAnError) {
  const std::string serum_without_mw =
      "serum:\n  concentration: 30 mg/mL\n  dose: 10 uL/cm^2\n  diffusivity: 6.0e-6 cm^2/s\n";
  expect_input_error(case_text(kLayersWithoutProperties, serum_without_mw), "case.yaml:4:7",
                     "skin.layers[0].partition",
                     {"found no \"partition\" key", "molecular_weight and log_p"});
}

TEST(Estimates, AnUnknownFitSuggestsTheNearest) {
  const std::string skin = kLayersWithoutProperties + "  estimates: potts_guy_1993\n";
  expect_input_error(case_text(skin, kNiacinamideSerum), "case.yaml:9:14", "skin.estimates",
                     {"expected potts_guy_1992, potts_guy_2023_refit or kasting",
                      "did you mean \"potts_guy_1992\"?"});
}

}  // namespace
}  // namespace dermaflux::input

namespace dermaflux::input {
namespace {

// Every shipped serum works with every shipped skin: the skins give thicknesses
// only, so every diffusivity and partition is estimated.
struct PresetPair {
  const char* skin;
  const char* serum;
};

class ShippedPresets : public ::testing::TestWithParam<PresetPair> {};

TEST_P(ShippedPresets, CombineIntoAValidCase) {
  const std::string text = std::string("name: presets\nskin: {preset: ") + GetParam().skin +
                           "}\nserum: {preset: " + GetParam().serum + "}\ntime: {end: 1 h}\n";
  const Case c = read_case_text(text, "case.yaml", DERMAFLUX_CASES_DIR);
  EXPECT_EQ(c.estimates.size(), 2 * c.layers.size());
  for (const Layer& layer : c.layers) {
    EXPECT_GT(layer.diffusivity_m2_s, 0.0) << layer.name;
    EXPECT_TRUE(std::isfinite(layer.diffusivity_m2_s)) << layer.name;
    EXPECT_GT(layer.partition, 0.0) << layer.name;
  }
}

std::vector<PresetPair> all_pairs() {
  std::vector<PresetPair> pairs;
  for (const char* skin : {"forearm", "abdomen", "face_cheek", "scalp", "franz_dermatomed_500um"})
    for (const char* serum :
         {"caffeine_3pct", "niacinamide_5pct", "ascorbic_acid_15pct", "tranexamic_acid_3pct",
          "minoxidil_5pct", "hyaluronic_acid_lmw", "peptide_pentapeptide4"})
      pairs.push_back({skin, serum});
  return pairs;
}

INSTANTIATE_TEST_SUITE_P(Estimates, ShippedPresets, ::testing::ValuesIn(all_pairs()),
                         [](const ::testing::TestParamInfo<PresetPair>& pair) {
                           return std::string(pair.param.skin) + "_" + pair.param.serum;
                         });

}  // namespace
}  // namespace dermaflux::input
