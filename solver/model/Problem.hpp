#pragma once
// The discrete diffusion problem every backend solves (DESIGN.md, "Physics"):
//
//     K (1 + B) du/dt = div( D K grad u ) - k K u
//
// in the potential u (vehicle-equivalent concentration, continuous across
// material interfaces). Per cell it holds the capacity K(1+B)V (amount = capacity * u),
// the conductivity D K and the clearance k K V; boundaries say what happens at the
// top, sides and bottom. Quantities are SI: m, s, kg; u in kg/m^3 (= mg/mL).

#include <vector>

#include "meshes/LayeredMesh.hpp"

namespace dermaflux::model {

struct MaterialProperties {
  double diffusivity_m2_s = 0.0;
  double partition = 1.0;  // K, tissue / vehicle
  double binding = 0.0;    // B, bound / free
  double clearance_1_s = 0.0;
};

enum class TopBoundary {
  NoFlux,          // finite dose: the top of the vehicle film is closed
  FixedPotential,  // infinite dose: u = top_potential on the skin surface
};
enum class SideBoundary { Periodic, NoFlux };
enum class BottomBoundary { Sink, NoFlux };  // sink: u = 0 below the last cell

struct Problem {
  mesh::LayeredMesh mesh;
  std::vector<MaterialProperties> materials;  // indexed by material id (0 = vehicle)

  std::vector<double> capacity_m3;        // K (1 + B) V, per cell
  std::vector<double> conductivity_m2_s;  // D K, per cell
  std::vector<double> clearance_m3_s;     // k K V, per cell

  TopBoundary top = TopBoundary::NoFlux;
  double top_potential_kg_m3 = 0.0;  // serum concentration (infinite dose)
  SideBoundary sides = SideBoundary::Periodic;
  BottomBoundary bottom = BottomBoundary::Sink;

  std::vector<double> initial_potential_kg_m3;  // per cell
  double reference_potential_kg_m3 = 1.0;       // serum concentration, scales error norms

  std::size_t cell_count() const { return mesh.grid.cell_count(); }
};

// Fills capacity, conductivity and clearance from the per-plane materials (the
// per-cell arrays exist so micro-channels can vary them laterally).
void fill_cell_coefficients(Problem& problem);

}  // namespace dermaflux::model
