#pragma once
// The per-cell arrays of a run's VTK snapshots, kept between outputs so that a
// snapshot allocates nothing.

#include <vector>

#include "io/VtkSnapshot.hpp"
#include "linear/LinearOperator.hpp"
#include "model/Problem.hpp"

namespace dermaflux::run {

// Per-cell arrays for a VTK snapshot; `material` does not change during a run
// and is built once.
struct SnapshotBuffers {
  std::vector<double> concentration;
  std::vector<int> material;
  std::vector<double> no_channels;  // zeros, made only for a run without channels

  explicit SnapshotBuffers(const model::Problem& problem)
      : concentration(problem.cell_count()), material(problem.cell_count()) {
    for (std::size_t c = 0; c < material.size(); ++c)
      material[c] = problem.mesh.material_of_cell(c);
  }

  io::SnapshotArrays arrays(const model::Problem& problem, const linear::Vector& u) {
    // Tissue concentration c = K u in tissue, u in open channel (DESIGN.md).
#pragma omp parallel for schedule(static)
    for (std::size_t c = 0; c < concentration.size(); ++c)
      concentration[c] = model::concentration_factor(problem, c) * u[static_cast<Eigen::Index>(c)];
    // The problem's own channel fractions, not a copy: they change only between steps.
    if (problem.channel_fraction.empty() && no_channels.size() != concentration.size())
      no_channels.assign(concentration.size(), 0.0);
    const auto& channel_fraction =
        problem.channel_fraction.empty() ? no_channels : problem.channel_fraction;
    return {
        concentration, {u.data(), static_cast<std::size_t>(u.size())}, material, channel_fraction};
  }
};

}  // namespace dermaflux::run
