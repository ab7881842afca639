#include "model/ProblemBuilder.hpp"

#include <algorithm>

namespace dermaflux::model {

mesh::VerticalSpec vertical_spec(const input::Case& c) {
  mesh::VerticalSpec spec;
  for (const auto& layer : c.layers) spec.layer_thickness_m.push_back(layer.thickness_m);
  spec.film_thickness_m = c.serum.infinite_dose ? 0.0 : c.serum.dose_m;
  spec.min_cells_per_layer = c.mesh.min_cells_per_layer;
  spec.growth = c.mesh.growth;
  spec.max_spacing_m = c.mesh.max_vertical_spacing_m;
  return spec;
}

mesh::LateralSpec lateral_spec(const input::Case& c) {
  return mesh::uniform_lateral(c.domain.width_m, c.domain.length_m, c.mesh.lateral_spacing_m);
}

std::size_t planned_cell_count(const input::Case& c) {
  return mesh::build_layered_mesh(vertical_spec(c), lateral_spec(c)).grid.cell_count();
}

Problem build_problem(const input::Case& c) {
  Problem problem;
  problem.mesh = mesh::build_layered_mesh(vertical_spec(c), lateral_spec(c));

  // Material 0: the vehicle (and, later, vehicle-filled open channels): K = 1.
  problem.materials.push_back({c.serum.diffusivity_m2_s, 1.0, 0.0, 0.0});
  for (const auto& layer : c.layers)
    problem.materials.push_back(
        {layer.diffusivity_m2_s, layer.partition, layer.binding, layer.clearance_1_s});
  fill_cell_coefficients(problem);

  problem.top = c.serum.infinite_dose ? TopBoundary::FixedPotential : TopBoundary::NoFlux;
  problem.top_potential_kg_m3 = c.serum.infinite_dose ? c.serum.concentration_kg_m3 : 0.0;
  problem.sides = c.domain.lateral == input::LateralBoundary::Periodic ? SideBoundary::Periodic
                                                                       : SideBoundary::NoFlux;
  problem.bottom = c.domain.bottom == input::BottomBoundary::Sink ? BottomBoundary::Sink
                                                                  : BottomBoundary::NoFlux;
  problem.reference_potential_kg_m3 = c.serum.concentration_kg_m3;

  // The serum fills the film at t = 0; the skin is empty.
  const auto& grid = problem.mesh.grid;
  problem.initial_potential_kg_m3.assign(grid.cell_count(), 0.0);
  const std::size_t plane = static_cast<std::size_t>(grid.nx()) * grid.ny();
  for (int k = 0; k < grid.nz(); ++k) {
    if (problem.mesh.material_of_plane(k) != mesh::kVehicleMaterial) continue;
    std::fill_n(problem.initial_potential_kg_m3.begin() + static_cast<std::ptrdiff_t>(k * plane),
                plane, c.serum.concentration_kg_m3);
  }
  return problem;
}

}  // namespace dermaflux::model
