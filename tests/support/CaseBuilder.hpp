#pragma once
// Cases built in code for the numerical tests, so that they do not depend on the
// YAML reader; every field a run needs is set here explicitly.

#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "input/Case.hpp"

namespace dermaflux::testing {

struct LayerSpec {
  std::string name;
  double thickness_m;
  double diffusivity_m2_s;
  double partition = 1.0;
  double binding = 0.0;
  double clearance_1_s = 0.0;
};

// A laterally uniform (one column) case; `dose_m == 0` means an infinite dose.
inline input::Case column_case(const std::vector<LayerSpec>& layers, double concentration_kg_m3,
                               double dose_m, double end_s, int outputs, int min_cells = 8,
                               double growth = 1.0) {
  input::Case c;
  c.name = "test";
  for (const auto& l : layers)
    c.layers.push_back(
        {l.name, l.thickness_m, l.diffusivity_m2_s, l.partition, l.binding, l.clearance_1_s});
  c.serum.active = "probe";
  c.serum.concentration_kg_m3 = concentration_kg_m3;
  c.serum.infinite_dose = dose_m == 0.0;
  c.serum.dose_m = dose_m;
  c.serum.diffusivity_m2_s = 6e-10;
  c.domain.width_m = c.domain.length_m = 10e-6;
  c.mesh.lateral_spacing_m = 10e-6;
  c.mesh.min_cells_per_layer = min_cells;
  c.mesh.growth = growth;
  c.mesh.max_vertical_spacing_m = 1.0;  // let min_cells decide
  c.time.end_s = end_s;
  for (int n = 0; n <= outputs; ++n) c.time.output_times_s.push_back(end_s * n / outputs);
  c.time.output_times_s.back() = end_s;
  c.output.vtk = false;
  return c;
}

// One cone needle per `pitch_m` square (5 um tip), closing with `half_life_s`.
inline input::Needles square_needles(double pitch_m, double length_m, double base_diameter_m,
                                     double penetration, std::optional<double> half_life_s) {
  input::Needles n;
  n.pattern = input::NeedlePattern::Square;
  n.pitch_m = pitch_m;
  n.length_m = length_m;
  n.base_diameter_m = base_diameter_m;
  n.tip_diameter_m = 5e-6;
  n.penetration = penetration;
  n.closure_half_life_s = half_life_s;
  return n;
}

}  // namespace dermaflux::testing
