#include "input/KastingEstimates.hpp"

#include "input/KastingRoutes.hpp"

#include <algorithm>
#include <cmath>

namespace dermaflux::input::kasting {
namespace {

constexpr double kCm = 1e-2;  // m per cm
// Corneocyte protein: mass fraction w_pro and density rho_pro (g/cm^3); water 1 g/cm^3.
constexpr double kProteinMassFraction = 0.9;
constexpr double kProteinDensity = 1.37;

// The two parameter sets of the brick-and-mortar model (KASTING_MODEL.md §1).
struct MicrostructureParameters {
  double nu;                   // corneocyte water uptake in the protein partition
  double corneocyte_fraction;  // phi_cor
  double lipid_diffusivity_divisor;
  double free_water_fraction;  // phi_f
  double hindrance[4];         // f_hydro = h0 + h1 l + h2 l^2 + h3 l^3
  double transverse_divisor;   // k_trans
  double brick_length_cm;      // l_x
  double large_r[3];           // log10 P^ = log10(a + 1 / (b sigma + c / R)), R > 100
  double poly[5][5];           // log10 P^ = sum c_ij (log10 sigma)^i (log10 R)^j, R <= 100
};

constexpr MicrostructureParameters kFull{
    2.75,
    0.9684,
    1.0,
    0.1928,
    {0.9999, -1.2762, 0.0718, 0.1195},
    1.0,
    31.319e-4,
    {7.611e-4, 0.9685, 1.827e5},
    {{-4.48116, 0.823855, -0.200615, 0.0874482, -0.00969133},
     {0.00388257, 0.000726031, -0.0163362, 0.0115681, -0.00217086},
     {8.34108e-5, -9.56469e-4, -7.16288e-4, 0.00195218, -7.07896e-4},
     {-9.4815e-4, -8.09313e-4, 0.0037365, -0.00169451, 9.24718e-5},
     {-2.09213e-4, -1.42974e-4, 8.35781e-4, -4.33507e-4, 4.3709e-5}}};

constexpr MicrostructureParameters kPartial{
    0.43,
    0.9073,
    3.0,
    0.6044,
    {1.0001, -2.4497, 1.141, 0.5432},
    3.0,
    30.266e-4,
    {2.935e-4, 0.8979, 5.536e5},
    {{-4.95725, 0.838263, -0.207133, 0.0837613, -0.00861439},
     {0.00187015, -1.05288e-4, -0.00849198, 0.00666713, -0.00119412},
     {7.45813e-4, -1.8624e-4, -0.00360234, 0.00343394, -7.68073e-4},
     {1.82904e-4, -8.28876e-5, -5.26007e-4, 7.1352e-4, -2.13017e-4},
     {2.83838e-5, -1.98892e-5, -6.05354e-6, 4.84676e-5, -2.1566e-5}}};

// The R <= 100 polynomial is a fit over the microstructure's computed results; far
// below its range (R ~ 1e-8 for a 5 kDa oligomer) its quartic in log10 R runs off to
// P^ ~ 1e-40. Below R = 1e-2 (MW ~ 2000) it is held at its value there: the barrier is
// closed to such actives either way, and channels carry them.
constexpr double kSmallestFittedR = 1e-2;

double molar_volume(const Active& a) {
  return a.molar_volume_cm3_mol > 0.0 ? a.molar_volume_cm3_mol : a.molecular_weight_g_mol / 0.916;
}

double log10_normalised_permeability(const MicrostructureParameters& p, double sigma, double r) {
  if (r > 100.0) return std::log10(p.large_r[0] + 1.0 / (p.large_r[1] * sigma + p.large_r[2] / r));
  const double ls = std::log10(sigma);
  const double lr = std::log10(std::max(r, kSmallestFittedR));
  double sum = 0.0, si = 1.0;
  for (int i = 0; i < 5; ++i, si *= ls) {
    double rj = 1.0;
    for (int j = 0; j < 5; ++j, rj *= lr) sum += p.poly[i][j] * si * rj;
  }
  return sum;
}

}  // namespace

StratumCorneum stratum_corneum(const Active& a, Hydration hydration, double thickness_m,
                               bool polar_pathway) {
  const MicrostructureParameters& p = hydration == Hydration::Full ? kFull : kPartial;
  const double mw = a.molecular_weight_g_mol;
  const double kow = std::pow(10.0, a.log_kow);
  const double va = molar_volume(a);

  // Partition: lipids, proteins, and the corneocytes' protein and water.
  const double k_lipid = 0.43 * std::pow(kow, 0.81);
  const double k_protein = 5.4 * std::pow(kow, 0.27);
  const double k_corneocyte = (k_protein * kProteinMassFraction + p.nu) /
                              (kProteinMassFraction * 1.0 / kProteinDensity + p.nu);
  StratumCorneum sc;
  const double neutral_partition =
      (1.0 - p.corneocyte_fraction) * k_lipid + p.corneocyte_fraction * k_corneocyte;
  // pH partition: the ion sits in the corneocytes' water only. Neutral: f = 1, K exact.
  const double f_non = a.fraction_non_ionised_vehicle;
  sc.partition = f_non * neutral_partition + (1.0 - f_non) * ion_partition(hydration);

  // Diffusivities (cm^2/s): lipid (free-area theory fit), and water in the
  // corneocytes' keratin-fibre network, hindered by the solute's size.
  const double d_lipid =
      (1.24e-7 * std::pow(100.0 / mw, 2.43) + 2.34e-9) / p.lipid_diffusivity_divisor;
  const double d_water =
      va < 445.2 ? 1.92e-4 * std::pow(va, -0.6) : 3.78e-5 * std::pow(va, -1.0 / 3.0);
  const double radius_angstrom =
      va < 445.0 ? 0.145 * std::pow(va, 0.6) : 0.735 * std::pow(va, 1.0 / 3.0);
  const double lambda = radius_angstrom / 35.0;  // over the fibre radius
  const double excluded = p.free_water_fraction * (1.0 + lambda) * (1.0 + lambda);
  const double k_corneocyte_free = 1.0 - excluded;
  const double hindrance =
      p.hindrance[0] +
      lambda * (p.hindrance[1] + lambda * (p.hindrance[2] + lambda * p.hindrance[3]));
  const double d_corneocyte = d_water * (1.0 - excluded) * hindrance;

  // Exchange between lipid and corneocyte, and the two pathways' ratio.
  const double k_transverse = std::pow(10.0, -0.570 - 0.840 * std::cbrt(mw)) / p.transverse_divisor;
  const double lipid_gap_cm = 13e-7;
  sc.transverse_exchange =
      k_transverse * p.brick_length_cm * p.brick_length_cm / (lipid_gap_cm * d_lipid);
  sc.sigma = d_lipid * k_lipid / (d_corneocyte * k_corneocyte_free);
  sc.normalised_permeability =
      std::pow(10.0, log10_normalised_permeability(p, sc.sigma, sc.transverse_exchange));

  const double swollen_m =
      hydration == Hydration::Full ? thickness_m * kHydratedSwelling : thickness_m;
  const double thickness_cm = swollen_m / kCm;
  const double permeability_cm_s = sc.normalised_permeability * d_lipid * k_lipid / thickness_cm;
  sc.lipid_permeability_m_s = permeability_cm_s * kCm;
  sc.polar_permeability_m_s = polar_pathway ? polar_permeability_m_s(mw) : 0.0;
  sc.permeability_m_s = f_non * sc.lipid_permeability_m_s + sc.polar_permeability_m_s;
  sc.diffusivity_m2_s = sc.permeability_m_s * thickness_m / sc.partition;
  return sc;
}

double ion_partition(Hydration hydration) {
  const MicrostructureParameters& p = hydration == Hydration::Full ? kFull : kPartial;
  return p.corneocyte_fraction * p.nu / (kProteinMassFraction / kProteinDensity + p.nu);
}

AqueousTissue aqueous_tissue(const Active& a) {
  const double f_non = a.fraction_non_ionised;
  const double log_d = a.log_kow + std::log10(f_non);
  // Albumin binding (OSP codes e^logD, not 10^logD; its testosterone check, fu = 0.06,
  // needs it so).
  const double bind_a = 0.5578, bind_b = 0.0188;
  const double x = bind_a * std::exp(log_d);
  AqueousTissue t;
  t.fraction_unbound = 1.0 - (x + bind_b) / (x + 1.0 + bind_b);
  const double albumin_space = 0.32, lipid_fraction = 0.001, water_fraction = 0.6;
  t.binding_factor = (1.0 - albumin_space) + albumin_space / t.fraction_unbound +
                     lipid_fraction * f_non * std::pow(10.0, a.log_kow);
  // OSP's K is with respect to the un-ionised concentration in water; times f_non at the
  // vehicle's pH it is with respect to the vehicle's total (1 for a neutral active).
  t.partition = water_fraction / f_non * t.binding_factor * a.fraction_non_ionised_vehicle;
  const double d_free_cm2_s = std::pow(10.0, -4.15 - 0.6555 * std::log10(a.molecular_weight_g_mol));
  const double d_bound_cm2_s = 1e-7;
  const double d_cm2_s = (d_free_cm2_s + albumin_space * d_bound_cm2_s *
                                             (1.0 - t.fraction_unbound) / t.fraction_unbound) /
                         t.binding_factor;
  t.diffusivity_m2_s = d_cm2_s * kCm * kCm;
  return t;
}

double dermal_clearance_1_s(const Active& a, double binding_factor) {
  const double capillary_cm_s =
      100.0 * std::pow(10.0, -2.7437 + 0.71 * a.log_kow - 0.0061 * a.molecular_weight_g_mol) /
      3600.0;
  const double capillary_area_per_volume_1_cm = 100.0;
  const double blood_flow_1_s = 0.0022;
  const double free =
      1.0 / (1.0 / (capillary_cm_s * capillary_area_per_volume_1_cm) + 1.0 / blood_flow_1_s);
  return free / binding_factor;
}

}  // namespace dermaflux::input::kasting
