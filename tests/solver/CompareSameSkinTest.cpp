// `dermaflux compare` reuses a layer value the case gives for another active only
// with --same-skin, and says so; values the case leaves out are estimated per serum.

#include "run/SameSkin.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "core/Error.hpp"
#include "input/CaseReader.hpp"
#include "input/SerumFile.hpp"

namespace dermaflux::run {
namespace {

const std::filesystem::path kCasesDir = DERMAFLUX_CASES_DIR;

// The forearm with caffeine; `layers` gives some layer values for it.
std::string caffeine_case(const std::string& layers) {
  return "name: base\nskin:\n  preset: forearm\n" + layers +
         "serum:\n  preset: caffeine_3pct\ntime: {end: 1 h}\n";
}

const std::string kAllGiven =
    "  layers:\n"
    "    - {name: stratum_corneum, diffusivity: 6.0e-11 cm^2/s, partition: 0.8}\n"
    "    - {name: viable_epidermis, diffusivity: 3.0e-7 cm^2/s, partition: 1.0}\n"
    "    - {name: dermis, diffusivity: 6.0e-7 cm^2/s, partition: 1.0}\n";
const std::string kDermisPartitionGiven = "  layers:\n    - {name: dermis, partition: 1.0}\n";

// The case read with each shipped serum in place of its own, as compare reads it.
std::vector<SerumChoice> choices(const std::string& text, const std::vector<std::string>& serums) {
  std::vector<SerumChoice> result;
  for (const std::string& name : serums) {
    const input::Serum serum = input::read_serum_file(kCasesDir / "serums" / (name + ".yaml"));
    result.push_back({name, input::read_case_text(text, "case.yaml", kCasesDir, serum)});
  }
  return result;
}

input::Case base_case(const std::string& text) {
  return input::read_case_text(text, "case.yaml", kCasesDir);
}

TEST(CompareSameSkin, NamesTheValuesTheCaseGives) {
  EXPECT_EQ(given_layer_values(base_case(caffeine_case(kAllGiven))),
            "stratum_corneum diffusivity and partition, viable_epidermis diffusivity and "
            "partition, dermis diffusivity and partition");
  EXPECT_EQ(given_layer_values(base_case(caffeine_case(kDermisPartitionGiven))),
            "dermis partition");
  EXPECT_EQ(given_layer_values(base_case(caffeine_case(""))), "");
}

TEST(CompareSameSkin, GivenValuesForAnotherActiveAreRefusedWithoutTheFlag) {
  const std::string text = caffeine_case(kAllGiven);
  const auto serums = choices(text, {"caffeine_3pct", "niacinamide_5pct"});
  try {
    check_same_skin(base_case(text), serums, false);
    FAIL() << "expected a UsageError";
  } catch (const UsageError& error) {
    const std::string message = error.what();
    for (const char* part : {"case.yaml gives", "stratum_corneum diffusivity and partition",
                             "for caffeine", "niacinamide_5pct (niacinamide) is another active",
                             "add --same-skin", "estimated for each serum"})
      EXPECT_NE(message.find(part), std::string::npos) << part << " not in: " << message;
    EXPECT_EQ(message.find("caffeine_3pct"), std::string::npos) << message;
  }
}

TEST(CompareSameSkin, WithTheFlagGivenValuesAreReusedAndSaidSo) {
  const std::string text = caffeine_case(kDermisPartitionGiven);
  const auto serums = choices(text, {"niacinamide_5pct", "hyaluronic_acid_lmw"});
  const std::string notice = check_same_skin(base_case(text), serums, true);
  EXPECT_NE(notice.find("--same-skin: every serum runs with case.yaml's dermis partition"),
            std::string::npos)
      << notice;
  // The given value is every serum's; what the case leaves out is each serum's own.
  EXPECT_EQ(serums[0].with_serum.layers[2].partition, 1.0);
  EXPECT_EQ(serums[1].with_serum.layers[2].partition, 1.0);
  EXPECT_GT(serums[0].with_serum.layers[2].diffusivity_m2_s,
            serums[1].with_serum.layers[2].diffusivity_m2_s);
  EXPECT_EQ(serums[0].with_serum.estimates.size(), 5u);
}

TEST(CompareSameSkin, TheCasesOwnActiveAndEstimatedSkinNeedNoFlag) {
  const std::string given = caffeine_case(kAllGiven);
  EXPECT_EQ(check_same_skin(base_case(given), choices(given, {"caffeine_3pct"}), false), "");
  const std::string estimated = caffeine_case("");
  EXPECT_EQ(check_same_skin(base_case(estimated),
                            choices(estimated, {"niacinamide_5pct", "hyaluronic_acid_lmw"}), false),
            "");
}

TEST(CompareSameSkin, TheSameActiveMeansTheSameNameMolecularWeightAndLogP) {
  input::Serum caffeine = input::read_serum_file(kCasesDir / "serums" / "caffeine_3pct.yaml");
  input::Serum weaker = caffeine;
  weaker.concentration_kg_m3 /= 3.0;
  EXPECT_TRUE(same_active(caffeine, weaker));
  input::Serum other_log_p = caffeine;
  other_log_p.log_p = 1.0;
  EXPECT_FALSE(same_active(caffeine, other_log_p));
}

}  // namespace
}  // namespace dermaflux::run
