#pragma once
// The per-cell arrays of a VTK snapshot that the run does not hold anyway, made for
// one snapshot and freed once it is written: kept between outputs they were 12 B a
// cell at the run's peak. The run frees CG's work vectors before it writes
// (StepSolver::release_workspace), so these take their place (RESULTS.md, "Memory").

#include <algorithm>
#include <vector>

#include "io/VtkSnapshot.hpp"
#include "linear/LinearOperator.hpp"
#include "model/Problem.hpp"

namespace dermaflux::run {

struct SnapshotBuffers {
  std::vector<double> concentration;
  std::vector<int> material;
  std::vector<double> no_channels;  // zeros, made only for a run without channels

  SnapshotBuffers(const model::Problem& problem, const linear::Vector& u)
      : concentration(problem.cell_count()), material(problem.cell_count()) {
    const std::size_t plane =
        static_cast<std::size_t>(problem.mesh.grid.nx()) * problem.mesh.grid.ny();
    for (int k = 0; k < problem.mesh.grid.nz(); ++k)
      std::fill_n(material.begin() + static_cast<std::ptrdiff_t>(plane * k), plane,
                  problem.mesh.material_of_plane(k));
      // Tissue concentration c = K u in tissue, u in open channel (DESIGN.md).
#pragma omp parallel for schedule(static)
    for (std::size_t c = 0; c < concentration.size(); ++c)
      concentration[c] = model::concentration_factor(problem, c) * u[static_cast<Eigen::Index>(c)];
    if (problem.channel_fraction.empty()) no_channels.assign(concentration.size(), 0.0);
  }

  // The problem's own channel fractions, not a copy: they change only between steps.
  io::SnapshotArrays arrays(const model::Problem& problem, const linear::Vector& u) const {
    const auto& channel_fraction =
        problem.channel_fraction.empty() ? no_channels : problem.channel_fraction;
    return {
        concentration, {u.data(), static_cast<std::size_t>(u.size())}, material, channel_fraction};
  }
};

}  // namespace dermaflux::run
