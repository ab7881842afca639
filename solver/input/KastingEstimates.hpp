#pragma once
// The Dancik/Kasting skin model's layer estimates, as the Open Systems Pharmacology
// implementation codes them (shared/reference/KASTING_MODEL.md; Dancik et al., Adv
// Drug Deliv Rev 2013, 65:221; Wang, Kasting & Nitsche, J Pharm Sci 2006-2007):
//
// - Stratum corneum: the brick-and-mortar model. Lipid and corneocyte partition and
//   diffusivity from MW and Kow, the normalised permeability P^ of the two-phase
//   microstructure from their ratio sigma and the transverse-exchange number R, and
//   a homogenised layer with the same K and permeability: D = P h / K.
// - Viable epidermis and dermis: aqueous tissue with albumin binding through the
//   fraction unbound fu and a small lipid fraction (binding factor BF); K and the
//   effective D are with respect to the total (free + bound) concentration, so a
//   layer needs no separate `binding` (B = 0).
// - Dermal clearance in vivo: capillary permeability and blood flow in series,
//   acting on the free fraction (k = k_free / BF).
// Inputs in the units the correlations use (MW g/mol, log10 Kow); results in SI.

namespace dermaflux::input::kasting {

// Occluded or under an aqueous donor the stratum corneum is fully hydrated;
// open to the air, partially (OSP's "Hydrated SC" switch).
enum class Hydration { Full, Partial };

struct Active {
  double molecular_weight_g_mol = 0.0;
  double log_kow = 0.0;
  double molar_volume_cm3_mol = 0.0;  // Le Bas V_A; 0: MW / 0.916 g/cm^3 (OSP's fallback)
  double fraction_non_ionised = 1.0;  // at pH 7.4; 1 for a neutral active
  // At the vehicle's pH: what the stratum-corneum lipids see (KastingRoutes.hpp); all
  // partitions are then with respect to the vehicle's total concentration.
  double fraction_non_ionised_vehicle = 1.0;
};

struct StratumCorneum {
  double partition = 0.0;               // K_sc, stratum corneum / water
  double diffusivity_m2_s = 0.0;        // of the homogenised layer
  double permeability_m_s = 0.0;        // P_sc = K D / h = f_non P_lipid + P_polar
  double lipid_permeability_m_s = 0.0;  // P_lipid of the un-ionised form
  double polar_permeability_m_s = 0.0;  // 0 without the polar route
  // The microstructure's numbers, for records and tests.
  double sigma = 0.0;  // lipid / corneocyte pathway ratio, D_lip K_lip / (D_cor K_cor)
  double transverse_exchange = 0.0;      // R = k_trans l^2 / (delta D_lip)
  double normalised_permeability = 0.0;  // P^
};
// `thickness_m` is the layer as a case gives it: partially hydrated (the 13 um of
// OSP's default). Fully hydrated the layer swells to 43 / 13 of it (OSP's 43 um), and
// the permeability is the swollen layer's; K D / thickness_m equals it. With
// `polar_pathway` the aqueous route of KastingRoutes.hpp runs in parallel; an ionised
// active's lipid route carries its un-ionised fraction, the partition is
// f_non K + (1 - f_non) K_ion (KastingRoutes.hpp).
StratumCorneum stratum_corneum(const Active& active, Hydration hydration, double thickness_m,
                               bool polar_pathway = false);
inline constexpr double kHydratedSwelling = 43.0 / 13.0;

struct AqueousTissue {
  double fraction_unbound = 1.0;  // fu, albumin binding
  double binding_factor = 1.0;    // BF, total / free in the tissue's aqueous phase
  double partition = 1.0;         // K, tissue / water (total concentration)
  double diffusivity_m2_s = 0.0;  // effective, for the total concentration
};
// Viable epidermis and dermis alike (OSP: K_de = K_ed, D_de = D_ed).
AqueousTissue aqueous_tissue(const Active& active);

// First-order dermal clearance in vivo (1/s) of an active with this binding factor.
double dermal_clearance_1_s(const Active& active, double binding_factor);

}  // namespace dermaflux::input::kasting
