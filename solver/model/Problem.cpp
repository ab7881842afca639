#include "model/Problem.hpp"

#include <cstddef>

#include "core/Parallel.hpp"
#include "stencil/StencilKernels.hpp"

namespace dermaflux::model {

void fill_cell_coefficients(Problem& problem) {
  const auto& grid = problem.mesh.grid;
  const std::size_t cells = grid.cell_count();
  problem.capacity_m3.assign(cells, 0.0);
  problem.vertical_conductivity_m2_s.assign(cells, 0.0);
  problem.lateral_conductivity_m2_s.assign(cells, 0.0);
  problem.clearance_m3_s.assign(cells, 0.0);
  const bool channels = !problem.channel_fraction.empty();
  const double vehicle_sigma = problem.materials.at(0).diffusivity_m2_s;
#pragma omp parallel for schedule(static) if (cells >= core::kParallelThreshold)
  for (int k = 0; k < grid.nz(); ++k) {
    const MaterialProperties& m =
        problem.materials.at(static_cast<std::size_t>(problem.mesh.material_of_plane(k)));
    const double sigma = m.diffusivity_m2_s * m.partition;
    for (int j = 0; j < grid.ny(); ++j) {
      for (int i = 0; i < grid.nx(); ++i) {
        const std::size_t c = grid.index(i, j, k);
        const double volume = grid.cell_volume(i, j, k);
        const double phi = channels ? problem.channel_fraction[c] : 0.0;
        problem.capacity_m3[c] = stencil::mixed_capacity(phi, m.partition, m.binding, volume);
        problem.vertical_conductivity_m2_s[c] =
            stencil::mixed_vertical_conductivity(phi, sigma, vehicle_sigma);
        problem.lateral_conductivity_m2_s[c] =
            stencil::mixed_lateral_conductivity(phi, sigma, vehicle_sigma);
        problem.clearance_m3_s[c] =
            stencil::mixed_clearance(phi, m.clearance_1_s, m.partition, volume);
      }
    }
  }
}

double concentration_factor(const Problem& problem, std::size_t cell) {
  const double partition =
      problem.materials[static_cast<std::size_t>(problem.mesh.material_of_cell(cell))].partition;
  if (problem.channel_fraction.empty()) return partition;
  return stencil::mixed_concentration_factor(problem.channel_fraction[cell], partition);
}

}  // namespace dermaflux::model
