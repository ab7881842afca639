#include "model/ProblemBuilder.hpp"

#include <algorithm>

#include "meshes/ChannelRaster.hpp"
#include "meshes/LateralGrading.hpp"
#include "meshes/NeedleLayout.hpp"

namespace dermaflux::model {
namespace {

bool periodic(const input::Case& c) {
  return c.domain.lateral == input::LateralBoundary::Periodic;
}

}  // namespace

std::vector<mesh::Channel> case_channels(const input::Case& c) {
  if (!c.needles) return {};
  return mesh::needle_channels(*c.needles, c.domain);
}

double channel_spacing(const input::Case& c, const std::vector<mesh::Channel>& channels) {
  if (c.mesh.channel_spacing_m > 0.0) return c.mesh.channel_spacing_m;
  double narrowest = c.mesh.lateral_spacing_m / kAutoChannelSpacingFraction;
  for (const auto& ch : channels) narrowest = std::min(narrowest, ch.surface_radius_m);
  return std::clamp(kAutoChannelSpacingFraction * narrowest, 1e-6, c.mesh.lateral_spacing_m);
}

mesh::VerticalSpec vertical_spec(const input::Case& c) {
  mesh::VerticalSpec spec;
  for (const auto& layer : c.layers) spec.layer_thickness_m.push_back(layer.thickness_m);
  spec.film_thickness_m = c.serum.infinite_dose ? 0.0 : c.serum.dose_m;
  spec.min_cells_per_layer = c.mesh.min_cells_per_layer;
  spec.growth = c.mesh.growth;
  spec.max_spacing_m = c.mesh.max_vertical_spacing_m;
  return spec;
}

mesh::LateralSpec lateral_spec(const input::Case& c, const std::vector<mesh::Channel>& channels) {
  if (channels.empty())
    return mesh::uniform_lateral(c.domain.width_m, c.domain.length_m, c.mesh.lateral_spacing_m);
  // Fine cells over every channel's footprint (plus two fine cells), graded out
  // to the lateral spacing between channels.
  const double fine = channel_spacing(c, channels);
  double widest = 0.0;
  std::vector<double> xs, ys;
  for (const auto& ch : channels) {
    widest = std::max(widest, ch.surface_radius_m);
    xs.push_back(ch.x_m);
    ys.push_back(ch.y_m);
  }
  const double half_width = widest + 2.0 * fine;
  return {mesh::refined_nodes(c.domain.width_m, c.mesh.lateral_spacing_m, fine, xs, half_width,
                              c.mesh.growth, periodic(c)),
          mesh::refined_nodes(c.domain.length_m, c.mesh.lateral_spacing_m, fine, ys, half_width,
                              c.mesh.growth, periodic(c))};
}

void set_channels(Problem& problem, const std::vector<mesh::Channel>& open) {
  if (open.empty())
    problem.channel_fraction.clear();
  else
    problem.channel_fraction =
        mesh::channel_fractions(problem.mesh.grid, open, problem.sides == SideBoundary::Periodic);
  fill_cell_coefficients(problem);
}

std::size_t planned_cell_count(const input::Case& c) {
  return mesh::build_layered_mesh(vertical_spec(c), lateral_spec(c, case_channels(c)))
      .grid.cell_count();
}

Problem build_problem(const input::Case& c, const std::vector<mesh::Channel>& open) {
  Problem problem;
  problem.mesh = mesh::build_layered_mesh(vertical_spec(c), lateral_spec(c, case_channels(c)));

  // Material 0: the vehicle (and, later, vehicle-filled open channels): K = 1.
  problem.materials.push_back({c.serum.diffusivity_m2_s, 1.0, 0.0, 0.0});
  for (const auto& layer : c.layers)
    problem.materials.push_back(
        {layer.diffusivity_m2_s, layer.partition, layer.binding, layer.clearance_1_s});

  problem.top = c.serum.infinite_dose ? TopBoundary::FixedPotential : TopBoundary::NoFlux;
  problem.top_potential_kg_m3 = c.serum.infinite_dose ? c.serum.concentration_kg_m3 : 0.0;
  problem.sides = periodic(c) ? SideBoundary::Periodic : SideBoundary::NoFlux;
  problem.bottom = c.domain.bottom == input::BottomBoundary::Sink ? BottomBoundary::Sink
                                                                  : BottomBoundary::NoFlux;
  problem.reference_potential_kg_m3 = c.serum.concentration_kg_m3;
  set_channels(problem, open);

  // The serum fills the film at t = 0; the skin and its channels are empty.
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
