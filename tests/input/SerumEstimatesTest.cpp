// `dermaflux compare` reads its case once per serum with that serum in place of the
// case's own (read_case's `serum`): every layer value the case leaves out is
// estimated from that serum's molecular weight and log P, exactly as in a case with
// that serum written in; values the case gives stay as given.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "core/Error.hpp"
#include "input/CaseEquality.hpp"
#include "input/CaseReader.hpp"
#include "input/CaseWriter.hpp"
#include "input/SerumFile.hpp"

namespace dermaflux::input {
namespace {

const std::filesystem::path kCasesDir = DERMAFLUX_CASES_DIR;

// The quick-start's forearm with `layers` (none: every D and K estimated) and a
// shipped serum preset.
std::string forearm_case(const std::string& serum_preset, const std::string& layers = "") {
  return "name: forearm\nskin:\n  preset: forearm\n" + layers +
         "serum:\n  preset: " + serum_preset + "\ntime: {end: 1 h}\n";
}

Case read_forearm(const std::string& text, const std::optional<Serum>& serum = {}) {
  return read_case_text(text, "case.yaml", kCasesDir, serum);
}

Serum shipped_serum(const std::string& name) {
  return read_serum_file(kCasesDir / "serums" / (name + ".yaml"));
}

void expect_same_estimates(const Case& actual, const Case& expected) {
  ASSERT_EQ(actual.estimates.size(), expected.estimates.size());
  for (std::size_t n = 0; n < actual.estimates.size(); ++n) {
    EXPECT_EQ(actual.estimates[n].layer, expected.estimates[n].layer);
    EXPECT_EQ(actual.estimates[n].property, expected.estimates[n].property);
    testing::expect_bits_equal(actual.estimates[n].value, expected.estimates[n].value, "estimate");
    EXPECT_EQ(actual.estimates[n].formula, expected.estimates[n].formula);
  }
}

TEST(SerumEstimates, EachSerumGetsTheEstimatesOfItsOwnActive) {
  // Arrange: one caffeine case, read with niacinamide and with hyaluronic acid.
  const std::string base = forearm_case("caffeine_3pct");
  // Act
  const Case niacinamide = read_forearm(base, shipped_serum("niacinamide_5pct"));
  const Case hyaluronic = read_forearm(base, shipped_serum("hyaluronic_acid_lmw"));
  // Assert: different molecules, every layer far more permeable (K D) to the small one.
  for (std::size_t l = 0; l < niacinamide.layers.size(); ++l)
    EXPECT_GT(niacinamide.layers[l].partition * niacinamide.layers[l].diffusivity_m2_s,
              10.0 * hyaluronic.layers[l].partition * hyaluronic.layers[l].diffusivity_m2_s)
        << niacinamide.layers[l].name;
  EXPECT_EQ(niacinamide.serum.active, "niacinamide");
  EXPECT_EQ(niacinamide.estimates.size(), 2 * niacinamide.layers.size());
}

TEST(SerumEstimates, EqualTheCaseWithThatSerumWrittenIn) {
  const std::string base = forearm_case("caffeine_3pct");
  for (const std::string serum : {"caffeine_3pct", "niacinamide_5pct", "hyaluronic_acid_lmw"}) {
    // Act
    const Case swapped = read_forearm(base, shipped_serum(serum));
    const Case written_in = read_forearm(forearm_case(serum));
    // Assert: the same case value for value, the same records; the resolved files
    // differ only in the comment naming the serum preset the second case used.
    testing::expect_same_case(swapped, written_in, false);
    expect_same_estimates(swapped, written_in);
    Case unnamed = written_in;
    unnamed.serum.preset.clear();
    EXPECT_EQ(write_case_yaml(swapped), write_case_yaml(unnamed)) << serum;
  }
}

TEST(SerumEstimates, TheRecordsNameTheSerumsMolecularWeightAndLogP) {
  const Case hyaluronic =
      read_forearm(forearm_case("caffeine_3pct", "  estimates: potts_guy_1992\n"),
                   shipped_serum("hyaluronic_acid_lmw"));
  const std::string resolved = write_case_yaml(hyaluronic);
  EXPECT_NE(resolved.find("0.0061 MW (Potts & Guy 1992) with MW = 5000, log P = -4"),
            std::string::npos)
      << resolved;
  EXPECT_NE(resolved.find("aqueous tissue) with MW = 5000"), std::string::npos) << resolved;
  EXPECT_EQ(resolved.find("194.19"), std::string::npos) << "caffeine's MW in:\n" << resolved;
}

TEST(SerumEstimates, ValuesTheCaseGivesStayAsGiven) {
  // Arrange: the stratum corneum's D given (for caffeine), its K and the rest left out.
  const std::string layers =
      "  layers:\n    - {name: stratum_corneum, diffusivity: 6.0e-11 cm^2/s}\n";
  const std::string base = forearm_case("caffeine_3pct", layers);
  // Act
  const Case caffeine = read_forearm(base);
  const Case niacinamide = read_forearm(base, shipped_serum("niacinamide_5pct"));
  // Assert: the given D kept, the estimated K and dermis D niacinamide's.
  EXPECT_EQ(niacinamide.layers[0].diffusivity_m2_s, caffeine.layers[0].diffusivity_m2_s);
  EXPECT_NE(niacinamide.layers[0].partition, caffeine.layers[0].partition);
  EXPECT_GT(niacinamide.layers[2].diffusivity_m2_s, caffeine.layers[2].diffusivity_m2_s);
  testing::expect_same_case(niacinamide, read_forearm(forearm_case("niacinamide_5pct", layers)),
                            false);
}

TEST(SerumEstimates, ASerumWithoutMolecularWeightCannotFillInTheCase) {
  Serum no_molecule = shipped_serum("caffeine_3pct");
  no_molecule.molar_mass_kg_mol.reset();
  EXPECT_THROW(read_forearm(forearm_case("caffeine_3pct"), no_molecule), dermaflux::InputError);
}

}  // namespace
}  // namespace dermaflux::input
