#include <string>

#include "input/KastingEstimates.hpp"
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

}  // namespace

// The Dancik/Kasting estimates of a layer's missing K and D (input/KastingEstimates.hpp).
void finish_kasting(const LayerDraft& draft, bool barrier, EstimateInputs& inputs, Layer& layer) {
  const kasting::Active active{inputs.serum.molar_mass_kg_mol.value_or(0.0) * 1e3,
                               inputs.serum.log_p.value_or(0.0), 0.0, 1.0};
  const std::string with = " with MW = " + formula_value(active.molecular_weight_g_mol) +
                           ", log P = " + formula_value(active.log_kow);
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
    auto sc = [&] { return kasting::stratum_corneum(active, hydration, layer.thickness_m); };
    layer.partition = given_or_estimated(
        draft.partition, draft, "partition", partition_expected, inputs,
        [&] { return sc().partition; },
        "K = (1 - phi_cor) 0.43 Kow^0.81 + phi_cor K_cor/w, " + model + with);
    layer.diffusivity_m2_s = given_or_estimated(
        draft.diffusivity_m2_s, draft, "diffusivity", diffusivity_expected, inputs,
        [&] { return sc().permeability_m_s * layer.thickness_m / layer.partition; },
        "D = P h / K, P = P^ D_lip K_lip/w / h, " + model + with);
    return;
  }
  const kasting::AqueousTissue tissue = kasting::aqueous_tissue(active);
  const std::string binding =
      "fu = 1 - (0.5578 e^logD + 0.0188) / (0.5578 e^logD + 1.0188), BF = 0.68 + 0.32 / fu + "
      "0.001 Kow (Kasting: albumin binding, viable epidermis and dermis alike)";
  layer.diffusivity_m2_s = given_or_estimated(
      draft.diffusivity_m2_s, draft, "diffusivity", diffusivity_expected, inputs,
      [&] { return tissue.diffusivity_m2_s; },
      "D = (D_free + 0.32 D_bound (1 - fu) / fu) / BF, log10 D_free[cm^2/s] = -4.15 - 0.6555 "
      "log10 MW, D_bound = 1e-7 cm^2/s, " +
          binding + with);
  layer.partition = given_or_estimated(
      draft.partition, draft, "partition", partition_expected, inputs,
      [&] { return tissue.partition; },
      "K = 0.6 BF (tissue / water, total concentration), " + binding + with);
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
