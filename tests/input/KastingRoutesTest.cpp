// The stratum corneum's polar route and ionisation (input/KastingRoutes.hpp) against
// hand-computed numbers, and switched off: today's Dancik/Kasting estimates exactly.

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "input/CaseReader.hpp"
#include "input/KastingEstimates.hpp"
#include "input/KastingRoutes.hpp"

namespace dermaflux::input::kasting {
namespace {

constexpr double kCmPerHour = 1e-2 / 3600.0;  // m/s

TEST(KastingRoutes, PolarPermeabilityOfMannitolIsWilschutsTerm) {
  // Mannitol, MW 182.17: 1.519e-4 / sqrt(182.17) = 1.12543e-5 cm/h (by hand).
  EXPECT_NEAR(polar_permeability_m_s(182.17) / kCmPerHour, 1.12543e-5, 1e-10);
}

TEST(KastingRoutes, FractionNonIonisedOfFentanylAtTheVehiclesPh) {
  // Fentanyl, a base with pKa 8.9 (OSP user guide v2, Table 7): 1 / (1 + 10^1.5) =
  // 0.0306534 at pH 7.4; 1 / (1 + 10^2.9) = 0.00125734 at pH 6 (both rounded to 6 figures).
  EXPECT_NEAR(fraction_non_ionised({}, 8.9, 7.4), 0.0306534, 1e-7);
  EXPECT_NEAR(fraction_non_ionised({}, 8.9, 6.0), 0.00125734, 1e-8);
}

TEST(KastingRoutes, FractionNonIonisedOfAnAcidAndOfANeutralActive) {
  // An acid with pKa 4.4 at pH 7.4: 1 / (1 + 10^3) = 9.99001e-4; neutral: exactly 1.
  EXPECT_NEAR(fraction_non_ionised(4.4, {}, 7.4), 9.99001e-4, 1e-9);
  EXPECT_EQ(fraction_non_ionised({}, {}, 7.4), 1.0);
  // OSP counts the zwitterion as net neutral: 1 - (a + b) + 2ab with a = 6.30953e-6
  // (acid pKa 2.2) and b = 0.0156017 (base pKa 9.2) gives 0.984392.
  EXPECT_NEAR(fraction_non_ionised(2.2, 9.2, 7.4), 0.984392, 1e-6);
}

TEST(KastingRoutes, IonPartitionIsTheCorneocytesWater) {
  // phi_cor nu / (0.9 / 1.37 + nu): 0.9684 x 2.75 / 3.40693 = 0.781670 (full),
  // 0.9073 x 0.43 / 1.08693 = 0.358935 (partial).
  EXPECT_NEAR(ion_partition(Hydration::Full), 0.781670, 1e-6);
  EXPECT_NEAR(ion_partition(Hydration::Partial), 0.358935, 1e-6);
}

TEST(KastingRoutes, PermeabilityIsTheIonisedLipidRouteplusThePolarRoute) {
  // Fentanyl in a pH 7.4 donor: P = f_non P_lipid + P_polar; K = f_non K + (1 - f) K_ion.
  Active fentanyl{336.47, 4.05, 0.0, 1.0, 1.0};
  const StratumCorneum neutral = stratum_corneum(fentanyl, Hydration::Full, 13e-6, true);
  fentanyl.fraction_non_ionised_vehicle = fraction_non_ionised({}, 8.9, 7.4);
  const StratumCorneum ionised = stratum_corneum(fentanyl, Hydration::Full, 13e-6, true);
  const double f = fentanyl.fraction_non_ionised_vehicle;
  EXPECT_DOUBLE_EQ(ionised.lipid_permeability_m_s, neutral.lipid_permeability_m_s);
  EXPECT_DOUBLE_EQ(ionised.polar_permeability_m_s, polar_permeability_m_s(336.47));
  EXPECT_DOUBLE_EQ(ionised.permeability_m_s,
                   f * neutral.lipid_permeability_m_s + polar_permeability_m_s(336.47));
  EXPECT_DOUBLE_EQ(ionised.partition,
                   f * neutral.partition + (1.0 - f) * ion_partition(Hydration::Full));
  EXPECT_NEAR(ionised.partition * ionised.diffusivity_m2_s / 13e-6, ionised.permeability_m_s,
              1e-12 * ionised.permeability_m_s);
}

TEST(KastingRoutes, TissuePartitionIsWithRespectToTheVehiclesTotal) {
  // Fentanyl from a pH 6 vehicle into tissue at 7.4: K = 0.6 BF f_non(6) / f_non(7.4),
  // BF from log D = log P + log10 f_non(7.4) (OSP).
  Active fentanyl{336.47, 4.05, 0.0, fraction_non_ionised({}, 8.9, 7.4),
                  fraction_non_ionised({}, 8.9, 6.0)};
  const AqueousTissue t = aqueous_tissue(fentanyl);
  EXPECT_NEAR(t.partition, 0.6 * t.binding_factor * 0.00125734 / 0.0306534, 1e-5 * t.partition);
}

TEST(KastingRoutes, WithoutThemTheEstimatesAreTodaysBitForBit) {
  // A neutral active without the polar route: the same K, D and P as the
  // brick-and-mortar model alone, and the tissue's K unchanged.
  const Active caffeine{194.19, -0.07, 0.0, 1.0};
  const StratumCorneum before = stratum_corneum(caffeine, Hydration::Full, 13e-6);
  const StratumCorneum off = stratum_corneum(caffeine, Hydration::Full, 13e-6, false);
  EXPECT_EQ(off.permeability_m_s, before.permeability_m_s);
  EXPECT_EQ(off.permeability_m_s, off.lipid_permeability_m_s);
  EXPECT_EQ(off.partition, before.partition);
  EXPECT_EQ(off.diffusivity_m2_s, before.diffusivity_m2_s);
  EXPECT_EQ(off.polar_permeability_m_s, 0.0);
}

// A case reading `polar_pathway: none` and no pKa gives the layers and formulas of the
// brick-and-mortar model alone (the records as they were before the polar route).
TEST(KastingRoutes, ACaseWithThePolarPathwayOffReadsAsBefore) {
  const std::string text =
      "name: off\nskin:\n  estimates: kasting\n  polar_pathway: none\n  layers:\n"
      "    - {name: stratum_corneum, thickness: 13 um}\n"
      "    - {name: viable_epidermis, thickness: 100 um}\n"
      "serum: {active: caffeine, molecular_weight: 194.19 g/mol, log_p: -0.07,"
      " concentration: 1 mg/mL, dose: infinite, diffusivity: 6e-6 cm^2/s}\n"
      "time: {end: 1 h}\n";
  const Case c = read_case_text(text, "case.yaml", ".");
  const Active caffeine{194.19, -0.07, 0.0, 1.0};
  const StratumCorneum sc = stratum_corneum(caffeine, Hydration::Full, 13e-6);
  EXPECT_EQ(c.layers[0].partition, sc.partition);
  EXPECT_EQ(c.layers[0].diffusivity_m2_s, sc.permeability_m_s * 13e-6 / sc.partition);
  EXPECT_EQ(c.layers[1].partition, aqueous_tissue(caffeine).partition);
  for (const Estimate& e : c.estimates) {
    EXPECT_EQ(e.formula.find("P_polar"), std::string::npos) << e.formula;
    EXPECT_EQ(e.formula.find("f_non"), std::string::npos) << e.formula;
  }
}

TEST(KastingRoutes, TheRecordsNameEachTermWithItsValue) {
  // Fentanyl, base pKa 8.9, from a pH 7.4 vehicle, the polar route on by default.
  const std::string text =
      "name: on\nskin:\n  estimates: kasting\n  layers:\n"
      "    - {name: stratum_corneum, thickness: 13 um}\n"
      "serum: {active: fentanyl, molecular_weight: 336.47 g/mol, log_p: 4.05, pka_base: 8.9,"
      " ph: 7.4, concentration: 1 mg/mL, dose: infinite, diffusivity: 5e-6 cm^2/s}\n"
      "time: {end: 1 h}\n";
  const Case c = read_case_text(text, "case.yaml", ".");
  ASSERT_EQ(c.estimates.size(), 2u);
  const std::string& d = c.estimates[1].formula;
  EXPECT_NE(d.find("P = f_non P_lipid + P_polar"), std::string::npos) << d;
  EXPECT_NE(d.find("P_polar = 1.519e-4 MW^-0.5 cm/h = 8.28103e-06 cm/h"), std::string::npos) << d;
  EXPECT_NE(d.find("Wilschut et al."), std::string::npos) << d;
  EXPECT_NE(d.find("f_non = 0.0306534 at pH 7.4"), std::string::npos) << d;
  EXPECT_NE(c.estimates[0].formula.find("(1 - f_non) phi_cor nu"), std::string::npos);
}

// The error reading a one-layer case with these skin and serum extras gives; empty if
// the case is accepted.
std::string error_reading(const std::string& skin_extra, const std::string& serum_extra) {
  const std::string text = "name: bad\nskin:\n" + skin_extra + "  layers:\n" +
                           "    - {name: stratum_corneum, thickness: 13 um}\n"
                           "serum: {active: x, molecular_weight: 300 g/mol, log_p: 2," +
                           serum_extra +
                           " concentration: 1 mg/mL, dose: infinite, diffusivity: 6e-6 cm^2/s}\n" +
                           "time: {end: 1 h}\n";
  try {
    read_case_text(text, "case.yaml", ".");
  } catch (const std::exception& error) {
    return error.what();
  }
  return "";
}

TEST(KastingRoutes, APkaOutsideTheScaleIsALocatedError) {
  const std::string message = error_reading("  estimates: kasting\n", " pka_base: 15,");
  EXPECT_NE(message.find("serum.pka_base"), std::string::npos) << message;
  EXPECT_NE(message.find("0 to 14"), std::string::npos) << message;
  EXPECT_NE(error_reading("  estimates: kasting\n", " ph: -1,").find("0 to 14"), std::string::npos);
  EXPECT_EQ(error_reading("  estimates: kasting\n", " pka_base: 8.9, ph: 6,"), "");
}

TEST(KastingRoutes, APolarPathwayWithoutKastingIsALocatedError) {
  const std::string message =
      error_reading("  estimates: potts_guy_1992\n  polar_pathway: wilschut_1995\n", "");
  EXPECT_NE(message.find("skin.polar_pathway"), std::string::npos) << message;
  EXPECT_NE(error_reading("  estimates: kasting\n  polar_pathway: wilschut1995\n", "")
                .find("did you mean \"wilschut_1995\""),
            std::string::npos);
}

}  // namespace
}  // namespace dermaflux::input::kasting
