#include "analysis/Inventory.hpp"

#include <cmath>

#include "core/Parallel.hpp"

namespace dermaflux::analysis {
namespace {

// Amount (kg) per material: each z-plane summed in a fixed order (planes in
// parallel), then the planes added in order — thread-count independent.
std::vector<double> amount_per_material(const model::Problem& problem, const double* u) {
  const auto& grid = problem.mesh.grid;
  std::vector<double> per_plane(static_cast<std::size_t>(grid.nz()), 0.0);
  const model::CellCoefficients cells(problem);
#pragma omp parallel for schedule(static)
  for (int k = 0; k < grid.nz(); ++k) {
    double sum = 0.0;
    for (int j = 0; j < grid.ny(); ++j)
      for (int i = 0; i < grid.nx(); ++i)
        sum += cells.capacity_m3(i, j, k) * u[grid.index(i, j, k)];
    per_plane[static_cast<std::size_t>(k)] = sum;
  }
  std::vector<double> per_material(problem.materials.size(), 0.0);
  for (int k = 0; k < grid.nz(); ++k)
    per_material[static_cast<std::size_t>(problem.mesh.material_of_plane(k))] +=
        per_plane[static_cast<std::size_t>(k)];
  return per_material;
}

// Amount (kg) in the open-channel part of the skin cells: the channel volume
// phi V holds vehicle (K = 1, no binding), so its amount is phi V u.
double amount_in_channels(const model::Problem& problem, const double* u) {
  if (problem.channel_fraction.empty()) return 0.0;
  const auto& grid = problem.mesh.grid;
  const double* phi = problem.channel_fraction.data();
  return core::deterministic_sum(grid.cell_count(), [&](std::size_t c) {
    if (phi[c] == 0.0) return 0.0;
    const int nx = grid.nx(), ny = grid.ny();
    const auto i = static_cast<int>(c % static_cast<std::size_t>(nx));
    const auto j =
        static_cast<int>((c / static_cast<std::size_t>(nx)) % static_cast<std::size_t>(ny));
    const auto k =
        static_cast<int>(c / (static_cast<std::size_t>(nx) * static_cast<std::size_t>(ny)));
    return phi[c] * grid.cell_volume(i, j, k) * u[c];
  });
}

}  // namespace

double initial_amount_ug_cm2(const model::Problem& problem, const core::GlobalSum& sum) {
  auto amounts = amount_per_material(problem, problem.initial_potential_kg_m3.data());
  core::sum_over_ranks(sum, amounts);
  double total = 0.0;
  for (double a : amounts) total += a;
  return total / problem.domain_area_m2() * kUgPerCm2PerKgPerM2;
}

InventoryRow measure(const model::Problem& problem, const op::DiffusionOperator& system,
                     const linear::Vector& u, const timestep::Cumulative& cumulative, double time_s,
                     std::optional<double> dose_ug_cm2, const core::GlobalSum& sum) {
  const double to_ug_cm2 = kUgPerCm2PerKgPerM2 / problem.domain_area_m2();
  // Per material, then in channels and into the receptor: one sum over the ranks.
  auto amounts = amount_per_material(problem, u.data());
  amounts.push_back(amount_in_channels(problem, u.data()));
  amounts.push_back(system.bottom_outflow(u));
  core::sum_over_ranks(sum, amounts);
  const double receptor_rate = amounts.back();
  amounts.pop_back();
  const double in_channels = amounts.back();
  amounts.pop_back();

  InventoryRow row;
  row.time_h = time_s / 3600.0;
  row.vehicle_ug_cm2 = amounts[mesh::kVehicleMaterial] * to_ug_cm2;
  double in_skin = 0.0;
  for (std::size_t m = 1; m < amounts.size(); ++m) {
    row.layer_ug_cm2.push_back(amounts[m] * to_ug_cm2);
    in_skin += amounts[m] * to_ug_cm2;
  }
  row.in_channels_ug_cm2 = in_channels * to_ug_cm2;
  row.receptor_ug_cm2 = cumulative.receptor_kg * to_ug_cm2;
  row.cleared_ug_cm2 = cumulative.cleared_kg * to_ug_cm2;
  row.entered_ug_cm2 = cumulative.entered_kg * to_ug_cm2;
  row.flux_ug_cm2_h = receptor_rate * to_ug_cm2 * 3600.0;

  const double accounted = row.vehicle_ug_cm2 + in_skin + row.receptor_ug_cm2 + row.cleared_ug_cm2;
  if (dose_ug_cm2) {
    row.mass_balance_rel = std::abs(accounted - *dose_ug_cm2) / *dose_ug_cm2;
  } else {
    // Infinite dose: what is in the skin, the receptor and the cleared pool must be
    // what came in through the surface (there is no film to count).
    const double imbalance = std::abs(accounted - row.entered_ug_cm2);
    row.mass_balance_rel = row.entered_ug_cm2 > 0.0 ? imbalance / row.entered_ug_cm2 : 0.0;
  }
  return row;
}

void book_film(InventoryRow& row, const timestep::FilmAmounts& film) {
  FilmColumns columns;
  columns.applied_ug_cm2 = film.applied_kg_m2 * kUgPerCm2PerKgPerM2;
  columns.solid_ug_cm2 = film.solid_kg_m2 * kUgPerCm2PerKgPerM2;
  columns.removed_ug_cm2 = film.removed_kg_m2 * kUgPerCm2PerKgPerM2;
  columns.film_um = film.thickness_m * 1e6;
  row.vehicle_ug_cm2 = film.dissolved_kg_m2 * kUgPerCm2PerKgPerM2;
  double accounted = row.vehicle_ug_cm2 + columns.solid_ug_cm2 + row.receptor_ug_cm2 +
                     row.cleared_ug_cm2 + columns.removed_ug_cm2;
  for (const double layer : row.layer_ug_cm2) accounted += layer;
  const double applied = columns.applied_ug_cm2;
  row.mass_balance_rel = applied > 0.0 ? std::abs(accounted - applied) / applied : 0.0;
  row.film = columns;
}

}  // namespace dermaflux::analysis
