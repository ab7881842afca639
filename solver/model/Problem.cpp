#include "model/Problem.hpp"

#include <cstddef>

#include "stencil/StencilKernels.hpp"

namespace dermaflux::model {

CellCoefficients::CellCoefficients(const Problem& problem)
    : grid_(problem.mesh.grid),
      channel_fraction_(problem.channel_fraction.empty() ? nullptr
                                                         : problem.channel_fraction.data()),
      vehicle_sigma_(problem.materials.at(0).diffusivity_m2_s) {
  for (int k = 0; k < grid_.nz(); ++k) {
    const MaterialProperties& m =
        problem.materials.at(static_cast<std::size_t>(problem.mesh.material_of_plane(k)));
    plane_.push_back(m);
    plane_sigma_.push_back(m.diffusivity_m2_s * m.partition);
  }
}

double concentration_factor(const Problem& problem, std::size_t cell) {
  const double partition =
      problem.materials[static_cast<std::size_t>(problem.mesh.material_of_cell(cell))].partition;
  if (problem.channel_fraction.empty()) return partition;
  return stencil::mixed_concentration_factor(problem.channel_fraction[cell], partition);
}

}  // namespace dermaflux::model
