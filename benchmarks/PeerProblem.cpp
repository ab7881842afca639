#include "PeerProblem.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

#include "LayeredProblem.hpp"
#include "input/Case.hpp"
#include "model/ProblemBuilder.hpp"

namespace dermaflux::bench {
namespace {

constexpr double kSpacing_m = 5e-6;  // lateral cell size

// Quick-start skin and serum (cases/quickstart.yaml: forearm, caffeine 3 %) with
// a 500 um dermis, meshed like cases/bench_unit_cell.yaml, `columns` cells across.
input::Case peer_case(int columns) {
  input::Case c;
  c.name = "peer";
  c.layers = {{"stratum_corneum", 15e-6, 6.0e-15, 0.8, 0.0, 0.0},
              {"viable_epidermis", 100e-6, 3.0e-11, 1.0, 0.0, 0.0},
              {"dermis", 500e-6, 6.0e-11, 1.0, 0.0, 0.0}};
  c.serum.active = "caffeine";
  c.serum.concentration_kg_m3 = 30.0;
  c.serum.dose_m = 100e-6;  // 10 uL/cm^2
  c.serum.diffusivity_m2_s = 6.0e-10;
  c.mesh.lateral_spacing_m = kSpacing_m;
  c.mesh.min_cells_per_layer = 8;
  c.mesh.max_vertical_spacing_m = 10e-6;
  c.domain.width_m = c.domain.length_m = columns * kSpacing_m;
  c.time.end_s = 1.0;
  c.time.output_times_s = {0.0, 1.0};
  return c;
}

// Cells of the open channel get fraction 1: a cylinder of a fifth of the width
// in radius, from the surface 100 um down (the stratum corneum and most of the
// viable epidermis), filled with vehicle.
void open_channel(model::Problem& p) {
  const mesh::Grid& g = p.mesh.grid;
  const double xc = 0.5 * (g.x_nodes_m().front() + g.x_nodes_m().back());
  const double yc = 0.5 * (g.y_nodes_m().front() + g.y_nodes_m().back());
  const double radius = 0.2 * g.width_m();
  p.channel_fraction.assign(g.cell_count(), 0.0);
  for (int k = 0; k < g.nz(); ++k) {
    const double z = g.z_centre(k);
    if (z > 0.0 || z < -100e-6) continue;
    for (int j = 0; j < g.ny(); ++j)
      for (int i = 0; i < g.nx(); ++i)
        if (std::hypot(g.x_centre(i) - xc, g.y_centre(j) - yc) < radius)
          p.channel_fraction[g.index(i, j, k)] = 1.0;
  }
}

// bench_step_overhead's box with closed sides, so that laplacianFoam's zeroGradient
// sides solve the same problem.
model::Problem uniform_box(std::size_t cells) {
  model::Problem p = layered_problem(static_cast<std::int64_t>(cells));
  for (auto& m : p.materials) m = {6.0e-10, 1.0, 0.0, 0.0};
  p.top = model::TopBoundary::FixedPotential;
  p.top_potential_kg_m3 = 30.0;
  p.reference_potential_kg_m3 = p.top_potential_kg_m3;
  p.bottom = model::BottomBoundary::Sink;
  p.sides = model::SideBoundary::NoFlux;
  p.initial_potential_kg_m3.assign(p.cell_count(), 0.0);
  return p;
}

}  // namespace

model::Problem peer_problem(PeerKind kind, std::size_t cells) {
  if (kind == PeerKind::Uniform) return uniform_box(cells);
  // The vertical mesh does not depend on the width: measure it on one column.
  const int nz = model::build_problem(peer_case(1)).mesh.grid.nz();
  const double per_side = std::sqrt(static_cast<double>(cells) / nz);
  const int columns = std::max(2, 2 * static_cast<int>(std::lround(per_side / 2.0)));
  model::Problem p = model::build_problem(peer_case(columns));
  if (kind == PeerKind::Layered) {
    open_channel(p);
  } else {
    for (auto& m : p.materials) m = {6.0e-11, 1.0, 0.0, 0.0};
    p.sides = model::SideBoundary::NoFlux;
  }
  return p;
}

std::string grid_json(const model::Problem& one_material) {
  const mesh::Grid& g = one_material.mesh.grid;
  std::vector<double> initial_per_plane;
  const std::size_t plane = static_cast<std::size_t>(g.nx()) * g.ny();
  for (int k = 0; k < g.nz(); ++k)
    initial_per_plane.push_back(one_material.initial_potential_kg_m3[plane * k]);
  nlohmann::json j;
  j["x_nodes_m"] = g.x_nodes_m();
  j["y_nodes_m"] = g.y_nodes_m();
  j["z_nodes_m"] = g.z_nodes_m();
  j["diffusivity_m2_s"] = one_material.materials.front().diffusivity_m2_s;
  j["initial_per_plane"] = initial_per_plane;
  j["top_potential_kg_m3"] = nullptr;
  if (one_material.top == model::TopBoundary::FixedPotential)
    j["top_potential_kg_m3"] = one_material.top_potential_kg_m3;
  return j.dump();
}

}  // namespace dermaflux::bench
