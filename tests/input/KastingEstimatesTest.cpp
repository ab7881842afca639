// The Dancik/Kasting estimates against the OSP user guide's testosterone case
// (shared/reference/KASTING_MODEL.md, "Check"; OSP user guide v2 §4.6, §5.3).

#include <gtest/gtest.h>

#include <cmath>

#include "input/KastingEstimates.hpp"

namespace dermaflux::input::kasting {
namespace {

// Testosterone, C19H28O2: MW 288.42, log Kow 3.32; Le Bas V_A = 7 (19 + 28 + 2)
// - 7 x 4 rings + 7 x 2 double bonds = 329 cm^3/mol.
Active testosterone() {
  return {288.42, 3.32, 329.0, 1.0};
}

constexpr double kCmPerHour = 1e-2 / 3600.0;  // m/s

// In vivo dermis of thickness h with clearance k: P = K sqrt(k D) / tanh(h sqrt(k / D)).
double dermis_permeability_in_vivo(const AqueousTissue& t, double k_1_s, double h_m) {
  const double d = t.diffusivity_m2_s;
  return t.partition * std::sqrt(k_1_s * d) / std::tanh(h_m * std::sqrt(k_1_s / d));
}

TEST(KastingEstimates, FractionUnboundOfTestosteroneIsTheUserGuides) {
  // UG §5.3: fu = 0.06; the hand calculation gives 0.0608.
  EXPECT_NEAR(aqueous_tissue(testosterone()).fraction_unbound, 0.0608, 0.0005);
}

TEST(KastingEstimates, WholeSkinPermeabilityOfTestosteroneMatchesTheUserGuide) {
  // UG Table 6 in vivo: partially hydrated stratum corneum 13 um, viable epidermis
  // 100 um, dermis 0.5 mm with clearance. Hand calculation 24.9e-4 cm/h; MoBi 26.5e-4.
  const Active a = testosterone();
  const StratumCorneum sc = stratum_corneum(a, Hydration::Partial, 13e-6);
  const AqueousTissue tissue = aqueous_tissue(a);
  const double p_ed = tissue.diffusivity_m2_s * tissue.partition / 100e-6;
  const double k = dermal_clearance_1_s(a, tissue.binding_factor);
  const double p_de = dermis_permeability_in_vivo(tissue, k, 0.5e-3);
  const double kp = 1.0 / (1.0 / sc.permeability_m_s + 1.0 / p_ed + 1.0 / p_de);
  EXPECT_NEAR(kp / kCmPerHour, 24.9e-4, 0.02 * 24.9e-4);
  EXPECT_NEAR(kp / kCmPerHour, 26.5e-4, 0.1 * 26.5e-4);
  // The homogenised layer keeps the microstructure's permeability: K D / h = P.
  EXPECT_NEAR(sc.partition * sc.diffusivity_m2_s / 13e-6, sc.permeability_m_s,
              1e-12 * sc.permeability_m_s);
}

// The user guide's MoBi kp of its fully hydrated in vivo cases (§4.6; Tables 3, 4, 7:
// dermis 0.5, 1 and 1 mm). Our SC is given at its partially hydrated 13 um and swells
// to the model's 43 um. Within 20 %: the guide's tables do not give every input its
// runs used (e.g. fentanyl's ionisation is listed but the guide's K_sc ignores it).
double hydrated_in_vivo_kp_cm_h(const Active& a, double dermis_m) {
  const StratumCorneum sc = stratum_corneum(a, Hydration::Full, 13e-6);
  const AqueousTissue tissue = aqueous_tissue(a);
  const double p_ed = tissue.diffusivity_m2_s * tissue.partition / 100e-6;
  const double k = dermal_clearance_1_s(a, tissue.binding_factor);
  const double p_de = dermis_permeability_in_vivo(tissue, k, dermis_m);
  return 1.0 / (1.0 / sc.permeability_m_s + 1.0 / p_ed + 1.0 / p_de) / kCmPerHour;
}

TEST(KastingEstimates, HydratedCasesMatchTheUserGuidesMoBiRuns) {
  // DPGME C7H16O3: V_A = 7 x 26 = 182; 2-butoxyethanol C6H14O2: 7 x 22 = 154;
  // fentanyl C22H28N2O: 7 x 53 - 7 x 3 rings + 7 x 7 double bonds = 399.
  EXPECT_NEAR(hydrated_in_vivo_kp_cm_h({148.20, -0.22, 182.0, 1.0}, 1e-3), 1.19e-4, 0.2 * 1.19e-4);
  EXPECT_NEAR(hydrated_in_vivo_kp_cm_h({118.18, 0.83, 154.0, 1.0}, 0.5e-3), 16.9e-4, 0.2 * 16.9e-4);
  EXPECT_NEAR(hydrated_in_vivo_kp_cm_h({336.47, 4.05, 399.0, 1.0}, 1e-3), 163e-4, 0.2 * 163e-4);
}

// Estradiol (kp_estradiol_epidermis, 9x above its measured kp) by hand from the
// formulas of KASTING_MODEL.md §1-2, fully hydrated, V_A = MW / 0.916 = 297.4:
// K_lip = 0.43 Kow^0.81 = 761.3; D_lip = 1.24e-7 (100/MW)^2.43 + 2.34e-9 = 1.320e-8 cm^2/s;
// k_trans = 10^(-0.570 - 0.840 MW^(1/3)) = 9.659e-7 cm/s; R = k_trans l_x^2 / (delta D_lip)
// = 552.0; lambda = 0.145 V_A^0.6 / 35 = 0.1263, 1 - phi_f' = 0.7554, f_hydro = 0.8402,
// D_cor = 1.92e-4 V_A^-0.6 (1 - phi_f') f_hydro = 3.998e-6 cm^2/s; sigma = 3.328;
// P^ = 7.611e-4 + 1 / (0.9685 sigma + 1.827e5 / R) = 3.753e-3 (the R term, 331, carries
// it: transverse exchange, not sigma, sets the lipophilic steroids' kp); P_sc = P^ D_lip
// K_lip / 43 um = 0.03158 cm/h; viable epidermis 100 um: 0.6002 cm/h; kp = 0.0300 cm/h,
// what the solver's case gives: the over-prediction is the model's, not a coding slip.
TEST(KastingEstimates, EstradiolMatchesTheHandCalculationFromOspsFormulas) {
  const Active estradiol{272.38, 4.01, 0.0, 1.0};
  const StratumCorneum sc = stratum_corneum(estradiol, Hydration::Full, 13e-6);
  EXPECT_NEAR(sc.transverse_exchange, 551.98, 0.01);
  EXPECT_NEAR(sc.sigma, 3.3277, 0.0005);
  EXPECT_NEAR(sc.normalised_permeability, 3.7532e-3, 0.0005e-3);
  EXPECT_NEAR(sc.partition, 41.551, 0.005);
  EXPECT_NEAR(sc.permeability_m_s / kCmPerHour, 0.031584, 0.000005);
  const AqueousTissue tissue = aqueous_tissue(estradiol);
  const double p_ed = tissue.diffusivity_m2_s * tissue.partition / 100e-6;
  EXPECT_NEAR(p_ed / kCmPerHour, 0.6002, 0.0005);
  const double kp = 1.0 / (1.0 / sc.permeability_m_s + 1.0 / p_ed);
  EXPECT_NEAR(kp / kCmPerHour, 0.03001, 0.00001);
}

TEST(KastingEstimates, HydrationOpensTheBarrier) {
  const Active a = testosterone();
  EXPECT_GT(stratum_corneum(a, Hydration::Full, 13e-6).permeability_m_s,
            2.0 * stratum_corneum(a, Hydration::Partial, 13e-6).permeability_m_s);
}

TEST(KastingEstimates, HydrophilicActivesAreBarelyBound) {
  // log Kow -> -inf: fu -> 1 / (1 + 0.0188), BF -> 0.68 + 0.32 / fu, K -> 0.6 BF.
  const AqueousTissue t = aqueous_tissue({194.19, -12.0, 0.0, 1.0});
  // (e^-12 = 6e-6 of binding left.)
  EXPECT_NEAR(t.fraction_unbound, 1.0 / 1.0188, 1e-5);
  EXPECT_NEAR(t.binding_factor, 0.68 + 0.32 * 1.0188, 1e-5);
  EXPECT_NEAR(t.partition, 0.6 * t.binding_factor, 1e-12);
}

TEST(KastingEstimates, BarrierShutsSmoothlyAsMoleculesGrow) {
  // Permeability falls with size, without the polynomial's run-off below its range
  // (held there: a 100 kDa polymer gets what 5 kDa gets, within a few per cent).
  double previous = INFINITY;
  for (const double mw : {100.0, 200.0, 400.0, 800.0, 1600.0, 5000.0}) {
    const double p =
        stratum_corneum({mw, 0.0, 0.0, 1.0}, Hydration::Partial, 13e-6).permeability_m_s;
    EXPECT_TRUE(std::isnormal(p)) << "MW " << mw;
    EXPECT_LE(p, previous * 1.0000001) << "MW " << mw;
    previous = p;
  }
  const double polymer =
      stratum_corneum({1e5, 0.0, 0.0, 1.0}, Hydration::Partial, 13e-6).permeability_m_s;
  EXPECT_NEAR(polymer, previous, 0.05 * previous);
}

}  // namespace
}  // namespace dermaflux::input::kasting
