#pragma once
// The discrete diffusion problem every backend solves (DESIGN.md, "Physics"):
//
//     K (1 + B) du/dt = div( D K grad u ) - k K u
//
// in the potential u (vehicle-equivalent concentration, continuous across
// material interfaces). Per cell it gives (CellCoefficients) the capacity K(1+B)V
// (amount = capacity * u), the conductivity D K and the clearance k K V; boundaries
// say what happens at the top, sides and bottom. Quantities are SI: m, s, kg; u in
// kg/m^3 (= mg/mL).

#include <vector>

#include "meshes/LayeredMesh.hpp"
#include "stencil/StencilKernels.hpp"

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
  // The only per-cell data of a problem: its cells' coefficients follow from these
  // fractions, the planes' materials and the cells' sizes (CellCoefficients).
  std::vector<double> channel_fraction;

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

// The coefficients of a problem's cells, worked out when asked from the plane's
// material, the cell's channel fraction and its volume (the formulas:
// stencil/StencilKernels.hpp). A cell holding a fraction phi of open channel mixes
// channel (vehicle) and tissue by volume:
//   capacity   V [(1 - phi) K (1 + B) + phi]
//   vertical   (1 - phi) D K + phi D_v            (parallel: channels run along z)
//   lateral    1 / ((1 - phi) / (D K) + phi / D_v) (series: the lower, Reuss bound)
//   clearance  (1 - phi) k K V
// Both bounds become exact as cells shrink (phi -> 0 or 1 everywhere but at the
// channel wall), so the rule converges under refinement. Nothing per cell is
// stored: four arrays of them were 32 B a cell for a few multiplications, read
// only when the operator is assembled and when amounts are measured (RESULTS.md,
// "Memory"). Reads the problem's materials as they are when it is made.
class CellCoefficients {
 public:
  explicit CellCoefficients(const Problem& problem);

  double capacity_m3(int i, int j, int k) const {  // K (1 + B) V
    const MaterialProperties& m = plane(k);
    return stencil::mixed_capacity(phi(i, j, k), m.partition, m.binding,
                                   grid_.cell_volume(i, j, k));
  }
  double vertical_conductivity_m2_s(int i, int j, int k) const {  // D K along z
    return stencil::mixed_vertical_conductivity(phi(i, j, k), sigma(k), vehicle_sigma_);
  }
  double lateral_conductivity_m2_s(int i, int j, int k) const {  // D K along x and y
    return stencil::mixed_lateral_conductivity(phi(i, j, k), sigma(k), vehicle_sigma_);
  }
  double clearance_m3_s(int i, int j, int k) const {  // k K V
    const MaterialProperties& m = plane(k);
    return stencil::mixed_clearance(phi(i, j, k), m.clearance_1_s, m.partition,
                                    grid_.cell_volume(i, j, k));
  }

 private:
  const MaterialProperties& plane(int k) const { return plane_[static_cast<std::size_t>(k)]; }
  double sigma(int k) const { return plane_sigma_[static_cast<std::size_t>(k)]; }
  double phi(int i, int j, int k) const {
    return channel_fraction_ ? channel_fraction_[grid_.index(i, j, k)] : 0.0;
  }

  const mesh::Grid& grid_;
  const double* channel_fraction_;         // null: no channels
  std::vector<MaterialProperties> plane_;  // per z-plane
  std::vector<double> plane_sigma_;        // D K per z-plane
  double vehicle_sigma_;                   // D of the channels' vehicle
};

// Tissue concentration per potential, c / u = (1 - phi) K + phi, of a cell: its
// concentration c = (1 - phi) K u + phi u (mg/mL when u is).
double concentration_factor(const Problem& problem, std::size_t cell);

}  // namespace dermaflux::model
