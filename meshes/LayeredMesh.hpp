#pragma once
// The layered skin mesh: a rectilinear grid whose z-planes include the skin
// surface and every layer interface, with a material per z-plane. Materials are
// numbered 0 = vehicle film, 1..L = skin layers from the surface down; micro-channels
// (later) do not change a cell's material, they add an open-channel fraction.

#include <cstddef>
#include <vector>

#include "meshes/Grid.hpp"

namespace dermaflux::mesh {

inline constexpr int kVehicleMaterial = 0;

struct VerticalSpec {
  std::vector<double> layer_thickness_m;  // skin layers, surface down
  double film_thickness_m = 0.0;          // vehicle film above the skin; 0 = none (infinite dose)
  int min_cells_per_layer = 4;
  double growth = 1.2;
  double max_spacing_m = 50e-6;
};

// Lateral node coordinates (ascending, from 0 to the width / length).
struct LateralSpec {
  std::vector<double> x_nodes_m;
  std::vector<double> y_nodes_m;
};

// Equal spacing of at most `spacing_m` in x and y.
LateralSpec uniform_lateral(double width_m, double length_m, double spacing_m);

struct LayeredMesh {
  Grid grid;
  std::vector<int> plane_material;  // one per z-plane k (ascending z)
  int layer_count = 0;              // skin layers (materials 1..layer_count)
  int film_planes = 0;              // vehicle planes at the top of the grid

  int material_of_plane(int k) const { return plane_material[static_cast<std::size_t>(k)]; }
  int material_of_cell(std::size_t cell) const {
    return plane_material[cell / (static_cast<std::size_t>(grid.nx()) * grid.ny())];
  }
  // Highest skin plane (just below the surface) and the bottom plane.
  int top_skin_plane() const { return grid.nz() - 1 - film_planes; }
  bool has_film() const { return film_planes > 0; }
};

// Builds the mesh. Throws std::invalid_argument on non-positive sizes (the case
// reader has already rejected those with located messages).
LayeredMesh build_layered_mesh(const VerticalSpec& vertical, const LateralSpec& lateral);

}  // namespace dermaflux::mesh
