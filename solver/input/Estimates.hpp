#pragma once
// Layer properties estimated from the active's molecular weight and log P, for
// layers whose diffusivity or partition coefficient the case does not give, with
// `skin.estimates: potts_guy_1992` or `potts_guy_2023_refit` (the default, `kasting`,
// is KastingEstimates.hpp) (shared/reference/PARAMETERS.md):
//
// - The barrier (the top layer, the stratum corneum): partition K = Kow^0.7, and
//   the diffusivity that makes the layer's permeability K D / h equal the Potts &
//   Guy (1992) estimate log10 kp [cm/h] = -2.7 + 0.71 log10 Kow - 0.0061 MW, or
//   its 2023 refit -2.55 + 0.65 log10 Kow - 0.0085 MW (`skin.estimates`).
// - Every layer below it is aqueous tissue: the Kasting free diffusivity
//   log10 D [m^2/s] = -8.15 - 0.655 log10 MW, and K = 1 (aqueous tissue against an
//   aqueous vehicle; give `partition` for an oily vehicle or a lipophilic active).

#include <string>

namespace dermaflux::input {

enum class PermeabilityFit { PottsGuy1992, Refit2023 };

// Potts & Guy whole-skin permeability in m/s for molecular weight in g/mol.
double potts_guy_permeability_m_s(double molecular_weight_g_mol, double log_p, PermeabilityFit fit);
// K of the barrier layer: Kow^0.7.
double barrier_partition(double log_p);
// D of a barrier of thickness h and partition K whose K D / h is kp.
double barrier_diffusivity_m2_s(double permeability_m_s, double thickness_m, double partition);
// Kasting's free diffusivity in aqueous tissue, m^2/s.
double aqueous_diffusivity_m2_s(double molecular_weight_g_mol);

// The formula an estimate used and the serum's values it took, as written into
// case.resolved.yaml and summary.json: a record says which active it was made for.
std::string barrier_diffusivity_formula(PermeabilityFit fit, double molecular_weight_g_mol,
                                        double log_p);
std::string barrier_partition_formula(double log_p);
std::string aqueous_diffusivity_formula(double molecular_weight_g_mol);
std::string aqueous_partition_formula();
// A serum value in a formula's record.
std::string formula_value(double value);

}  // namespace dermaflux::input
