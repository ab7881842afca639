#include "model/Problem.hpp"

#include <cstddef>

namespace dermaflux::model {

void fill_cell_coefficients(Problem& problem) {
  const auto& grid = problem.mesh.grid;
  const std::size_t cells = grid.cell_count();
  problem.capacity_m3.assign(cells, 0.0);
  problem.conductivity_m2_s.assign(cells, 0.0);
  problem.clearance_m3_s.assign(cells, 0.0);
#pragma omp parallel for schedule(static)
  for (int k = 0; k < grid.nz(); ++k) {
    const MaterialProperties& m =
        problem.materials.at(static_cast<std::size_t>(problem.mesh.material_of_plane(k)));
    for (int j = 0; j < grid.ny(); ++j) {
      for (int i = 0; i < grid.nx(); ++i) {
        const std::size_t c = grid.index(i, j, k);
        const double volume = grid.cell_volume(i, j, k);
        problem.capacity_m3[c] = m.partition * (1.0 + m.binding) * volume;
        problem.conductivity_m2_s[c] = m.diffusivity_m2_s * m.partition;
        problem.clearance_m3_s[c] = m.clearance_1_s * m.partition * volume;
      }
    }
  }
}

}  // namespace dermaflux::model
