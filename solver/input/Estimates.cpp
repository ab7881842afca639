#include "input/Estimates.hpp"

#include <cmath>
#include <cstdio>

namespace dermaflux::input {

double potts_guy_permeability_m_s(double molecular_weight_g_mol, double log_p,
                                  PermeabilityFit fit) {
  const double log_kp_cm_h = fit == PermeabilityFit::PottsGuy1992
                                 ? -2.7 + 0.71 * log_p - 0.0061 * molecular_weight_g_mol
                                 : -2.55 + 0.65 * log_p - 0.0085 * molecular_weight_g_mol;
  return std::pow(10.0, log_kp_cm_h) * 1e-2 / 3600.0;  // cm/h -> m/s
}

double barrier_partition(double log_p) {
  return std::pow(10.0, 0.7 * log_p);
}

double barrier_diffusivity_m2_s(double permeability_m_s, double thickness_m, double partition) {
  return permeability_m_s * thickness_m / partition;
}

double aqueous_diffusivity_m2_s(double molecular_weight_g_mol) {
  return std::pow(10.0, -8.15 - 0.655 * std::log10(molecular_weight_g_mol));
}

// Six significant digits, as a person wrote it (194.19, not the 194.19000000000003
// of g/mol -> kg/mol -> g/mol).
std::string formula_value(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", value);
  return text;
}

std::string barrier_diffusivity_formula(PermeabilityFit fit, double molecular_weight_g_mol,
                                        double log_p) {
  return std::string(fit == PermeabilityFit::PottsGuy1992
                         ? "D = kp h / K, log10 kp[cm/h] = -2.7 + 0.71 log P - 0.0061 MW (Potts & "
                           "Guy 1992)"
                         : "D = kp h / K, log10 kp[cm/h] = -2.55 + 0.65 log P - 0.0085 MW (2023 "
                           "refit of Potts & Guy)") +
         " with MW = " + formula_value(molecular_weight_g_mol) +
         ", log P = " + formula_value(log_p);
}

std::string barrier_partition_formula(double log_p) {
  return "K = Kow^0.7 (stratum corneum / water) with log P = " + formula_value(log_p);
}

std::string aqueous_diffusivity_formula(double molecular_weight_g_mol) {
  return "log10 D[m^2/s] = -8.15 - 0.655 log10 MW (Kasting, free diffusivity in aqueous tissue) "
         "with MW = " +
         formula_value(molecular_weight_g_mol);
}

std::string aqueous_partition_formula() {
  return "K = 1 (aqueous tissue / aqueous vehicle)";
}

}  // namespace dermaflux::input
