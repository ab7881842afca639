#include "model/ProblemBuilder.hpp"

#include <algorithm>
#include <stdexcept>

#include "core/Error.hpp"
#include "meshes/ChannelRaster.hpp"
#include "meshes/LateralGrading.hpp"
#include "meshes/NeedleLayout.hpp"
#include "stencil/StencilKernels.hpp"

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
  // A film compartment (timestep/FilmCompartment.hpp) sits above the mesh: only the
  // static film is resolved as cells.
  spec.film_thickness_m = c.serum.film_is_static() ? c.serum.dose_m : 0.0;
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
        mesh::channel_fractions(problem.mesh.grid, open, problem.sides == SideBoundary::Periodic,
                                problem.domain_width(), problem.domain_length());
}

mesh::LayeredMesh case_mesh(const input::Case& c) {
  try {
    return mesh::build_layered_mesh(vertical_spec(c), lateral_spec(c, case_channels(c)));
  } catch (const std::invalid_argument& e) {  // a mesh the case's settings make too large
    throw UsageError(std::string("cannot mesh case ") + c.name + ": " + e.what());
  }
}

std::size_t planned_cell_count(const input::Case& c) {
  return case_mesh(c).grid.cell_count();
}

namespace {

// Where a problem's mesh lies in the whole case's: the whole domain's size, and
// whether it was cut from the whole along x or y.
struct Placement {
  double domain_width_m = 0.0;
  double domain_length_m = 0.0;
  bool cut_x = false;
  bool cut_y = false;
};

// The problem on `mesh`, with the case's top and bottom boundaries where `top`
// and `bottom` say the mesh has the domain's own (a block may have neither).
Problem problem_on(const input::Case& c, mesh::LayeredMesh mesh,
                   const std::vector<mesh::Channel>& open, bool top, bool bottom,
                   const Placement& placement) {
  Problem problem;
  problem.mesh = std::move(mesh);
  problem.domain_width_m = placement.domain_width_m;
  problem.domain_length_m = placement.domain_length_m;
  problem.cut_x = placement.cut_x;
  problem.cut_y = placement.cut_y;

  // Material 0: the vehicle (and, later, vehicle-filled open channels): K = 1.
  problem.materials.push_back({c.serum.diffusivity_m2_s, 1.0, 0.0, 0.0});
  for (const auto& layer : c.layers)
    problem.materials.push_back(
        {layer.diffusivity_m2_s, layer.partition, layer.binding, layer.clearance_1_s});

  // The film compartment is the top's potential, set every step (FilmStep.cpp).
  const bool fixed_top = top && (c.serum.infinite_dose || !c.serum.film_is_static());
  problem.top = fixed_top ? TopBoundary::FixedPotential : TopBoundary::NoFlux;
  problem.top_potential_kg_m3 = top && c.serum.infinite_dose ? c.serum.concentration_kg_m3 : 0.0;
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

using Ranges = std::array<parallel::CellRange, 3>;

// Cells `r` of `whole`, at their own coordinates.
mesh::LayeredMesh cells_of(const mesh::LayeredMesh& whole, const Ranges& r) {
  auto nodes = [](const std::vector<double>& all, const parallel::CellRange& range) {
    return std::vector<double>(all.begin() + range.begin, all.begin() + range.end + 1);
  };
  mesh::LayeredMesh part;
  part.grid = mesh::Grid(nodes(whole.grid.x_nodes_m(), r[0]), nodes(whole.grid.y_nodes_m(), r[1]),
                         nodes(whole.grid.z_nodes_m(), r[2]));
  part.plane_material.assign(whole.plane_material.begin() + r[2].begin,
                             whole.plane_material.begin() + r[2].end);
  part.layer_count = whole.layer_count;
  part.film_planes = static_cast<int>(
      std::count(part.plane_material.begin(), part.plane_material.end(), mesh::kVehicleMaterial));
  return part;
}

// The conductivity along `axis` (0, 1 lateral; 2 vertical) of the cell at `at`.
double conductivity(const CellCoefficients& cells, int axis, const std::array<int, 3>& at) {
  return axis < 2 ? cells.lateral_conductivity_m2_s(at[0], at[1], at[2])
                  : cells.vertical_conductivity_m2_s(at[0], at[1], at[2]);
}

}  // namespace

Problem build_problem(const input::Case& c, const std::vector<mesh::Channel>& open) {
  const mesh::LayeredMesh whole = case_mesh(c);
  const Placement placement{whole.grid.width_m(), whole.grid.length_m(), false, false};
  return problem_on(c, whole, open, true, true, placement);
}

BlockProblem build_block_problem(const input::Case& c, const mesh::LayeredMesh& whole,
                                 const std::vector<mesh::Channel>& open,
                                 const parallel::Block& block) {
  const Placement placement{whole.grid.width_m(), whole.grid.length_m(), !block.spans(0),
                            !block.spans(1)};
  BlockProblem part;
  part.problem = problem_on(c, cells_of(whole, block.cells), open, block.has_top(),
                            block.has_bottom(), placement);
  const Problem& own = part.problem;
  const mesh::Grid& g = own.mesh.grid;
  const bool wraps = periodic(c);

  // Each face to a neighbour block: the neighbour's layer of cells along it (one
  // cell thick, across the periodic wrap where there is one) as a problem of its
  // own, for its conductivities; then the operator's face formula.
  for (int axis = 0; axis < 3; ++axis) {
    if (block.spans(axis)) continue;
    const auto a = static_cast<std::size_t>(axis);
    const int n = block.whole[a];
    for (int side = 0; side < 2; ++side) {
      const bool lower = side == 0;
      const int own_layer = lower ? 0 : block.cells[a].size() - 1;
      int neighbour = lower ? block.cells[a].begin - 1 : block.cells[a].end;
      if (neighbour < 0 || neighbour >= n) {
        if (!(wraps && axis < 2)) continue;  // the domain's own closed side
        neighbour = (neighbour + n) % n;
      }
      Ranges layer = block.cells;
      layer[a] = {neighbour, neighbour + 1};
      const Problem other = problem_on(c, cells_of(whole, layer), open, false, false, placement);
      const CellCoefficients own_cells(own), other_cells(other);
      const mesh::Grid& og = other.mesh.grid;
      std::vector<double>& faces = part.faces[static_cast<std::size_t>(2 * axis + side)];
      faces.resize(block.cell_count() / static_cast<std::size_t>(block.cells[a].size()));
      const std::array<int, 3> cells{g.nx(), g.ny(), g.nz()};
      const int u = axis == 0 ? 1 : 0, v = axis == 2 ? 1 : 2;  // the face's own axes
      parallel::for_each_face_cell(
          cells, axis, own_layer, [&](std::array<int, 3> at, std::size_t face) {
            std::array<int, 3> there = at;
            there[a] = 0;  // the neighbour's layer is one cell thick
            const double width[3] = {g.dx(at[0]), g.dy(at[1]), g.dz(at[2])};
            const double other_width[3] = {og.dx(there[0]), og.dy(there[1]), og.dz(there[2])};
            faces[face] = stencil::face_transmissibility(
                width[u] * width[v], 0.5 * width[axis], conductivity(own_cells, axis, at),
                0.5 * other_width[axis], conductivity(other_cells, axis, there));
          });
    }
  }
  return part;
}

}  // namespace dermaflux::model
