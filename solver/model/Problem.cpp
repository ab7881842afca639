#include "model/Problem.hpp"

#include <cstddef>

#include "core/Parallel.hpp"

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
        const double tissue = 1.0 - phi;
        problem.capacity_m3[c] = (tissue * m.partition * (1.0 + m.binding) + phi) * volume;
        problem.vertical_conductivity_m2_s[c] = tissue * sigma + phi * vehicle_sigma;
        problem.lateral_conductivity_m2_s[c] =
            phi > 0.0 ? 1.0 / (tissue / sigma + phi / vehicle_sigma) : sigma;
        problem.clearance_m3_s[c] = tissue * m.clearance_1_s * m.partition * volume;
      }
    }
  }
}

double concentration_factor(const Problem& problem, std::size_t cell) {
  const double partition =
      problem.materials[static_cast<std::size_t>(problem.mesh.material_of_cell(cell))].partition;
  if (problem.channel_fraction.empty()) return partition;
  const double phi = problem.channel_fraction[cell];
  return (1.0 - phi) * partition + phi;
}

}  // namespace dermaflux::model
