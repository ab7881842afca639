#include <functional>
#include <string>

#include "input/KastingEstimates.hpp"
#include "input/KastingRoutes.hpp"
#include "input/SkinLayers.hpp"
#include "input/Units.hpp"

// Layers estimated with the Dancik/Kasting model (`skin.estimates: kasting`).

namespace dermaflux::input {
namespace {

// Under an aqueous donor that stays (an infinite dose) or under occlusion the
// stratum corneum takes up water: the Kasting model's fully hydrated parameters;
// an open, finite dose leaves it partially hydrated.
kasting::Hydration hydration_under(const Serum& serum) {
  return serum.infinite_dose || serum.occluded ? kasting::Hydration::Full
                                               : kasting::Hydration::Partial;
}

// The active as the estimates see it: MW, log P and, for an acid or base, its un-ionised
// fractions at pH 7.4 (viable tissue) and at the vehicle's pH (stratum-corneum lipids).
kasting::Active active_of(const Serum& serum) {
  kasting::Active active{serum.molar_mass_kg_mol.value_or(0.0) * 1e3, serum.log_p.value_or(0.0),
                         0.0, 1.0, 1.0};
  if (serum.pka_acid || serum.pka_base) {
    active.fraction_non_ionised =
        kasting::fraction_non_ionised(serum.pka_acid, serum.pka_base, kasting::kTissuePh);
    active.fraction_non_ionised_vehicle = kasting::fraction_non_ionised(
        serum.pka_acid, serum.pka_base, serum.vehicle_ph.value_or(kasting::kTissuePh));
  }
  return active;
}

// What the records add for an ionisable active (nothing for a neutral one, whose
// formulas stay as they were).
std::string ionisation_note(const Serum& serum, const kasting::Active& active) {
  if (!serum.pka_acid && !serum.pka_base) return "";
  std::string pka;
  if (serum.pka_acid) pka += ", pKa_acid = " + formula_value(*serum.pka_acid);
  if (serum.pka_base) pka += ", pKa_base = " + formula_value(*serum.pka_base);
  return pka + "; f_non = " + formula_value(active.fraction_non_ionised) + " at pH 7.4 (tissue), " +
         formula_value(active.fraction_non_ionised_vehicle) + " at the vehicle's pH " +
         formula_value(serum.vehicle_ph.value_or(kasting::kTissuePh)) +
         " (f_non = 1 - (a + b) + 2ab, a = 1 / (1 + 10^(pH - pKa_acid)), b = 1 / (1 + "
         "10^(pKa_base - pH)); pH-partition hypothesis)";
}

// The stratum corneum's P as the record gives it: the brick-and-mortar route alone as
// before, or with the un-ionised fraction and the polar route, each with its value.
std::string permeability_formula(const kasting::Active& active, bool ionisable, bool polar,
                                 const std::function<kasting::StratumCorneum()>& sc) {
  const std::string lipid_route = "P^ D_lip K_lip/w / h";
  if (!ionisable && !polar) return lipid_route;
  const bool known = active.molecular_weight_g_mol > 0.0;  // else the case gives D and K
  const auto cm_h = [&](double m_s) {
    return known ? " = " + formula_value(m_s / 1e-2 * 3600.0) + " cm/h" : std::string();
  };
  const kasting::StratumCorneum values = known ? sc() : kasting::StratumCorneum{};
  std::string text = std::string(ionisable ? "f_non P_lipid" : "P_lipid") +
                     (polar ? " + P_polar" : "") + ", P_lipid = " + lipid_route +
                     cm_h(values.lipid_permeability_m_s);
  if (polar) {
    text += ", P_polar = 1.519e-4 MW^-0.5 cm/h" + cm_h(values.polar_permeability_m_s) +
            " (Robinson's polar pathway, Wilschut et al., Chemosphere 1995, 30:1275)";
  }
  return text;
}

// The follicular shunt's permeability (m/s) when the case names `skin.follicles`, 0
// otherwise: the orifice through the (swollen) barrier in the vehicle, then the spread
// into the viable tissue as the Kasting estimates give it (input/FollicularShunt.hpp).
double follicular_shunt_m_s(const EstimateInputs& inputs, const kasting::Active& active,
                            kasting::Hydration hydration, double thickness_m) {
  if (!inputs.model.follicles || active.molecular_weight_g_mol <= 0.0) return 0.0;
  const double swollen_m = hydration == kasting::Hydration::Full
                               ? thickness_m * kasting::kHydratedSwelling
                               : thickness_m;
  const kasting::AqueousTissue tissue = kasting::aqueous_tissue(active);
  return follicular_permeability_m_s(*inputs.model.follicles, inputs.serum.diffusivity_m2_s,
                                     swollen_m, tissue.diffusivity_m2_s, tissue.partition);
}

// What the record adds for the shunt (nothing without one, so old records stay).
std::string follicle_note(const EstimateInputs& inputs, double follicular_m_s) {
  if (!inputs.model.follicles) return "";
  const Follicles& f = *inputs.model.follicles;
  return " + P_follicles, P_follicles = n / (1 / g_lumen + 1 / g_access) = " +
         formula_value(follicular_m_s / 1e-2 * 3600.0) +
         " cm/h, g_lumen = (pi/4)(d_o^2 - d_h^2) D_vehicle / h, g_access = 2 d_o D_ve K_ve, n = " +
         formula_value(f.density_per_m2 * 1e-4) +
         " /cm^2, d_o = " + formula_value(f.orifice_diameter_m * 1e6) +
         " um, d_h = " + formula_value(f.hair_diameter_m * 1e6) + " um (open follicular shunt" +
         (f.preset == "porcine_ear" ? ", " + std::string(kFollicleSourcePorcineEar) : "") + ")";
}

}  // namespace

// The Dancik/Kasting estimates of a layer's missing K and D (input/KastingEstimates.hpp).
void finish_kasting(const LayerDraft& draft, bool barrier, EstimateInputs& inputs, Layer& layer) {
  const kasting::Active active = active_of(inputs.serum);
  const std::string with = " with MW = " + formula_value(active.molecular_weight_g_mol) +
                           ", log P = " + formula_value(active.log_kow) +
                           ionisation_note(inputs.serum, active);
  const std::string partition_expected =
      "a positive number such as 0.8 (tissue / vehicle concentration)";
  const std::string diffusivity_expected =
      describe_quantity(Dimension::Diffusivity, Sign::Positive);
  if (barrier) {
    const kasting::Hydration hydration = hydration_under(inputs.serum);
    const std::string model =
        std::string(hydration == kasting::Hydration::Full ? "fully" : "partially") +
        " hydrated brick-and-mortar stratum corneum (Dancik et al. 2013; Wang, Kasting & Nitsche "
        "2007; as OSP codes it), V_A = MW / 0.916 g/cm^3";
    const bool polar = inputs.model.polar_pathway;
    auto sc = [&] { return kasting::stratum_corneum(active, hydration, layer.thickness_m, polar); };
    const bool ionisable = active.fraction_non_ionised_vehicle != 1.0;
    layer.partition = given_or_estimated(
        draft.partition, draft, "partition", partition_expected, inputs,
        [&] { return sc().partition; },
        std::string(ionisable ? "K = f_non K_neutral + (1 - f_non) phi_cor nu / (w_pro / rho_pro "
                                "+ nu), K_neutral = "
                              : "K = ") +
            "(1 - phi_cor) 0.43 Kow^0.81 + phi_cor K_cor/w, " + model + with);
    const std::string permeability = permeability_formula(active, ionisable, polar, sc);
    const double follicular = follicular_shunt_m_s(inputs, active, hydration, layer.thickness_m);
    layer.diffusivity_m2_s = given_or_estimated(
        draft.diffusivity_m2_s, draft, "diffusivity", diffusivity_expected, inputs,
        [&] { return (sc().permeability_m_s + follicular) * layer.thickness_m / layer.partition; },
        "D = P h / K, P = " + permeability + follicle_note(inputs, follicular) + ", " + model +
            with);
    return;
  }
  const kasting::AqueousTissue tissue = kasting::aqueous_tissue(active);
  const std::string binding =
      "fu = 1 - (0.5578 e^logD + 0.0188) / (0.5578 e^logD + 1.0188), BF = 0.68 + 0.32 / fu + "
      "0.001 " +
      std::string(active.fraction_non_ionised != 1.0 ? "f_non Kow, logD = log P + log10 f_non"
                                                     : "Kow") +
      " (Kasting: albumin binding, viable epidermis and dermis alike)";
  layer.diffusivity_m2_s = given_or_estimated(
      draft.diffusivity_m2_s, draft, "diffusivity", diffusivity_expected, inputs,
      [&] { return tissue.diffusivity_m2_s; },
      "D = (D_free + 0.32 D_bound (1 - fu) / fu) / BF, log10 D_free[cm^2/s] = -4.15 - 0.6555 "
      "log10 MW, D_bound = 1e-7 cm^2/s, " +
          binding + with);
  layer.partition = given_or_estimated(
      draft.partition, draft, "partition", partition_expected, inputs,
      [&] { return tissue.partition; },
      std::string(active.fraction_non_ionised_vehicle != 1.0 || active.fraction_non_ionised != 1.0
                      ? "K = 0.6 BF f_non(vehicle pH) / f_non(7.4) (tissue / vehicle, total "
                        "concentration), "
                      : "K = 0.6 BF (tissue / water, total concentration), ") +
          binding + with);
  if (draft.clearance_estimated) {
    const double k = kasting::dermal_clearance_1_s(active, tissue.binding_factor);
    inputs.estimates.push_back(
        {layer.name, "clearance", k,
         "k = k_free / BF, k_free = 1 / (1 / (P_cap S) + 1 / Q), log10 P_cap[cm/h] = -0.7437 + "
         "0.71 log P - 0.0061 MW, S = 100 cm^-1, Q = 0.0022 1/s (Kasting: dermal capillaries "
         "and blood flow, in vivo)" +
             with});
    layer.clearance_1_s = k;
  }
}

}  // namespace dermaflux::input
