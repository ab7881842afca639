#pragma once
// Two additions to the Dancik/Kasting stratum corneum (skin.estimates: kasting), each
// switchable so that a case without them keeps today's numbers exactly:
//
// - Ionisation (the pH-partition hypothesis): only the un-ionised fraction of an acid
//   or base enters the stratum-corneum lipids, so the lipid route sees f_non at the
//   vehicle's pH; the viable tissue, buffered at pH 7.4, sees f_non at 7.4 (OSP codes
//   only the latter; shared/reference/KASTING_MODEL.md §2 gives the formula).
// - A polar (aqueous) route in parallel with the brick-and-mortar lipid route:
//   P_sc = f_non P_lipid + P_polar. P_polar is Robinson's polar-pathway term as fitted
//   by Wilschut et al. 1995 (Chemosphere 30:1275, the "Robinson" model, eq. for k_pol):
//   k_pol = 1.519e-4 MW^-0.5 cm/h, independent of log P, which carries the ion as well
//   as the neutral form. UNVERIFIED: neither Wilschut et al. 1995 nor any secondary
//   account giving this constant is in the literature stores (searched twice for issue
//   14; queries and what was found in docs/PARAMETERS_ADDITIONS.md), nor anything
//   showing that DERMWIN or SKINPERM use it (an earlier comment here said so).

#include <optional>

#include "input/KastingEstimates.hpp"

namespace dermaflux::input::kasting {

// The viable tissue's pH (OSP's "pH 7.4"; KASTING_MODEL.md §2), and the vehicle's when
// a case gives an ionisable active no `ph` (OSP's default "Vehicle pH", user guide v2
// Tables 3-7).
inline constexpr double kTissuePh = 7.4;

// The un-ionised fraction of an active with this strongest acid pKa and strongest base
// pKa (either absent: not that kind) at this pH, as OSP codes it (KASTING_MODEL.md §2):
// a = 1 / (1 + 10^(pH - pKa_acid)), b = 1 / (1 + 10^(pKa_base - pH)), an absent one 1;
// f_non = 1 - (a + b) + 2ab. A neutral active gives exactly 1.
double fraction_non_ionised(std::optional<double> pka_acid, std::optional<double> pka_base,
                            double ph);

// Robinson's polar-pathway permeability (m/s), Wilschut et al. 1995:
// k_pol = 1.519e-4 MW^-0.5 cm/h (constant not checked against the paper; see above).
double polar_permeability_m_s(double molecular_weight_g_mol);
inline constexpr double kPolarCoefficientCm_h = 1.519e-4;

// The stratum corneum / water partition of the ionised form: it enters only the water
// of the corneocytes, the K_cor/w of the brick-and-mortar model with no protein
// binding, phi_cor nu / (w_pro rho_w / rho_pro + nu) (KASTING_MODEL.md §1).
double ion_partition(Hydration hydration);

}  // namespace dermaflux::input::kasting
