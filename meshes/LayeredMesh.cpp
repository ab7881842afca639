#include "LayeredMesh.hpp"

#include <algorithm>
#include <stdexcept>

#include "Grading.hpp"

namespace dermaflux::mesh {

LayeredMesh build_layered_mesh(const VerticalSpec& vertical, const LateralSpec& lateral) {
  if (vertical.layer_thickness_m.empty())
    throw std::invalid_argument("build_layered_mesh: at least one skin layer is needed");

  // Skin, surface down: each layer starts no coarser than `growth` times the last
  // cell above it, so cell heights change smoothly across interfaces.
  std::vector<double> skin_heights;  // top down
  std::vector<int> skin_materials;
  double previous_height = 0.0;
  for (std::size_t l = 0; l < vertical.layer_thickness_m.size(); ++l) {
    const double thickness = vertical.layer_thickness_m[l];
    const double first =
        l == 0 ? thickness / vertical.min_cells_per_layer : previous_height * vertical.growth;
    const auto heights = graded_heights(thickness, first, vertical.growth, vertical.max_spacing_m,
                                        vertical.min_cells_per_layer);
    skin_heights.insert(skin_heights.end(), heights.begin(), heights.end());
    skin_materials.insert(skin_materials.end(), heights.size(), static_cast<int>(l) + 1);
    previous_height = heights.back();
  }

  // Vehicle film, surface up, graded from the skin's first cell.
  std::vector<double> film_heights;  // bottom up
  if (vertical.film_thickness_m > 0.0) {
    film_heights =
        graded_heights(vertical.film_thickness_m, skin_heights.front() * vertical.growth,
                       vertical.growth, vertical.max_spacing_m, vertical.min_cells_per_layer);
  }

  // z nodes ascending: from the bottom of the skin up to the top of the film.
  // Interfaces are placed by summing from the surface so that z = 0 is exact.
  LayeredMesh mesh;
  std::vector<double> z_nodes(skin_heights.size() + film_heights.size() + 1);
  const std::size_t surface = skin_heights.size();
  z_nodes[surface] = 0.0;
  for (std::size_t n = 0; n < skin_heights.size(); ++n)
    z_nodes[surface - 1 - n] = z_nodes[surface - n] - skin_heights[n];
  for (std::size_t n = 0; n < film_heights.size(); ++n)
    z_nodes[surface + 1 + n] = z_nodes[surface + n] + film_heights[n];

  mesh.plane_material.assign(skin_materials.rbegin(), skin_materials.rend());
  mesh.plane_material.insert(mesh.plane_material.end(), film_heights.size(), kVehicleMaterial);
  mesh.layer_count = static_cast<int>(vertical.layer_thickness_m.size());
  mesh.film_planes = static_cast<int>(film_heights.size());
  mesh.grid = Grid(lateral.x_nodes_m, lateral.y_nodes_m, std::move(z_nodes));
  return mesh;
}

LateralSpec uniform_lateral(double width_m, double length_m, double spacing_m) {
  return {uniform_nodes(width_m, spacing_m), uniform_nodes(length_m, spacing_m)};
}

}  // namespace dermaflux::mesh
