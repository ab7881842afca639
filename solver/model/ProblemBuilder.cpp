#include "model/ProblemBuilder.hpp"

#include <algorithm>

#include "meshes/ChannelRaster.hpp"
#include "meshes/LateralGrading.hpp"
#include "meshes/NeedleLayout.hpp"
#include "operator/FaceKernels.hpp"

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

mesh::LayeredMesh case_mesh(const input::Case& c) {
  return mesh::build_layered_mesh(vertical_spec(c), lateral_spec(c, case_channels(c)));
}

std::size_t planned_cell_count(const input::Case& c) {
  return case_mesh(c).grid.cell_count();
}

namespace {

// The problem on `mesh`, with the case's top and bottom boundaries where `top`
// and `bottom` say the mesh has the domain's own (a slab may have neither).
Problem problem_on(const input::Case& c, mesh::LayeredMesh mesh,
                   const std::vector<mesh::Channel>& open, bool top, bool bottom) {
  Problem problem;
  problem.mesh = std::move(mesh);

  // Material 0: the vehicle (and, later, vehicle-filled open channels): K = 1.
  problem.materials.push_back({c.serum.diffusivity_m2_s, 1.0, 0.0, 0.0});
  for (const auto& layer : c.layers)
    problem.materials.push_back(
        {layer.diffusivity_m2_s, layer.partition, layer.binding, layer.clearance_1_s});

  const bool fixed_top = top && c.serum.infinite_dose;
  problem.top = fixed_top ? TopBoundary::FixedPotential : TopBoundary::NoFlux;
  problem.top_potential_kg_m3 = fixed_top ? c.serum.concentration_kg_m3 : 0.0;
  problem.sides = periodic(c) ? SideBoundary::Periodic : SideBoundary::NoFlux;
  problem.bottom = bottom && c.domain.bottom == input::BottomBoundary::Sink
                       ? BottomBoundary::Sink
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

// Planes [begin, end) of `whole`, at their own heights.
mesh::LayeredMesh planes_of(const mesh::LayeredMesh& whole, int begin, int end) {
  const auto& z = whole.grid.z_nodes_m();
  mesh::LayeredMesh part;
  part.grid = mesh::Grid(whole.grid.x_nodes_m(), whole.grid.y_nodes_m(),
                         std::vector<double>(z.begin() + begin, z.begin() + end + 1));
  part.plane_material.assign(whole.plane_material.begin() + begin,
                             whole.plane_material.begin() + end);
  part.layer_count = whole.layer_count;
  part.film_planes = static_cast<int>(
      std::count(part.plane_material.begin(), part.plane_material.end(), mesh::kVehicleMaterial));
  return part;
}

// The transmissibility of the face between plane `lower` and the one above it,
// per column, from the problem's vertical conductivities: the operator's formula.
std::vector<double> face_above(const Problem& problem, int lower) {
  const auto& g = problem.mesh.grid;
  const auto& sigma = problem.vertical_conductivity_m2_s;
  std::vector<double> faces(static_cast<std::size_t>(g.nx()) * g.ny());
  for (int j = 0; j < g.ny(); ++j)
    for (int i = 0; i < g.nx(); ++i)
      faces[static_cast<std::size_t>(i) + static_cast<std::size_t>(g.nx()) * j] =
          op::face_transmissibility(g.dx(i) * g.dy(j), 0.5 * g.dz(lower),
                                    sigma[g.index(i, j, lower)], 0.5 * g.dz(lower + 1),
                                    sigma[g.index(i, j, lower + 1)]);
  return faces;
}

// A problem of two planes: the face between them is all that is wanted.
Problem pair_problem(const input::Case& c, const mesh::LayeredMesh& whole,
                     const std::vector<mesh::Channel>& open, int lower) {
  return problem_on(c, planes_of(whole, lower, lower + 2), open, false, false);
}

}  // namespace

Problem build_problem(const input::Case& c, const std::vector<mesh::Channel>& open) {
  return problem_on(c, case_mesh(c), open, true, true);
}

SlabProblem build_slab_problem(const input::Case& c, const std::vector<mesh::Channel>& open,
                               const parallel::Slab& slab) {
  const mesh::LayeredMesh whole = case_mesh(c);
  SlabProblem part;
  part.problem = problem_on(c, planes_of(whole, slab.k_begin, slab.k_end), open, slab.has_top(),
                            slab.has_bottom());
  if (!slab.has_bottom())
    part.below_conductance = face_above(pair_problem(c, whole, open, slab.k_begin - 1), 0);
  if (!slab.has_top())
    part.above_conductance = face_above(pair_problem(c, whole, open, slab.k_end - 1), 0);
  return part;
}

}  // namespace dermaflux::model
