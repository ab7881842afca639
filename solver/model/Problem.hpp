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

  // Open-channel volume fraction per cell (empty: intact skin). Channel volume is
  // vehicle-filled: K = 1, B = 0, D = the vehicle's (materials[0]), no clearance.
  std::vector<double> channel_fraction;

  std::vector<double> capacity_m3;                 // K (1 + B) V, per cell
  std::vector<double> vertical_conductivity_m2_s;  // D K along z, per cell
  std::vector<double> lateral_conductivity_m2_s;   // D K along x and y, per cell
  std::vector<double> clearance_m3_s;              // k K V, per cell

  TopBoundary top = TopBoundary::NoFlux;
  double top_potential_kg_m3 = 0.0;  // serum concentration (infinite dose)
  SideBoundary sides = SideBoundary::Periodic;
  BottomBoundary bottom = BottomBoundary::Sink;

  std::vector<double> initial_potential_kg_m3;  // per cell
  double reference_potential_kg_m3 = 1.0;       // serum concentration, scales error norms

  // The whole domain's lateral size. A block of a case split over ranks
  // (parallel/Block.hpp) covers part of it, its grid starting where the block
  // does; cut from the grid along x or y, it faces other blocks there and, on a
  // periodic domain, does not wrap around onto its own opposite side.
  // 0: the grid's own (a problem made in code, tests).
  double domain_width_m = 0.0;
  double domain_length_m = 0.0;
  bool cut_x = false;
  bool cut_y = false;

  std::size_t cell_count() const { return mesh.grid.cell_count(); }
  double domain_width() const {
    return domain_width_m > 0.0 ? domain_width_m : mesh.grid.width_m();
  }
  double domain_length() const {
    return domain_length_m > 0.0 ? domain_length_m : mesh.grid.length_m();
  }
  double domain_area_m2() const { return domain_width() * domain_length(); }
};

// Fills capacity, conductivities and clearance from the per-plane materials and
// the channel fractions (the formulas: stencil/StencilKernels.hpp). A cell holding a fraction phi
// of open channel mixes channel (vehicle) and tissue by volume:
//   capacity   V [(1 - phi) K (1 + B) + phi]
//   vertical   (1 - phi) D K + phi D_v            (parallel: channels run along z)
//   lateral    1 / ((1 - phi) / (D K) + phi / D_v) (series: the lower, Reuss bound)
//   clearance  (1 - phi) k K V
// Both bounds become exact as cells shrink (phi -> 0 or 1 everywhere but at the
// channel wall), so the rule converges under refinement.
void fill_cell_coefficients(Problem& problem);

// Tissue concentration per potential, c / u = (1 - phi) K + phi, of a cell: its
// concentration c = (1 - phi) K u + phi u (mg/mL when u is).
double concentration_factor(const Problem& problem, std::size_t cell);

}  // namespace dermaflux::model
