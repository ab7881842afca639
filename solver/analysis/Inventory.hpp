#pragma once
// Where the active is at one time: amounts in the vehicle, each layer, the open
// channels, the receptor and the cleared pool, and the flux into the receptor,
// per cm^2 of skin surface in the units formulation scientists report (µg/cm²,
// µg/cm²/h). One row of timeseries.csv (its text: io/RunCsv.hpp).

#include <optional>
#include <vector>

#include "core/GlobalSum.hpp"
#include "linear/LinearOperator.hpp"
#include "model/Problem.hpp"
#include "operator/DiffusionOperator.hpp"
#include "timestep/Bdf2Integrator.hpp"

namespace dermaflux::analysis {

// 1 kg/m^2 = 1e9 µg / 1e4 cm^2.
inline constexpr double kUgPerCm2PerKgPerM2 = 1e5;

struct InventoryRow {
  double time_h = 0.0;
  double vehicle_ug_cm2 = 0.0;
  std::vector<double> layer_ug_cm2;  // skin layers, surface down
  double receptor_ug_cm2 = 0.0;
  double cleared_ug_cm2 = 0.0;
  double in_channels_ug_cm2 = 0.0;  // part of the layer amounts inside open channels
  double flux_ug_cm2_h = 0.0;       // into the receptor, at this time
  double entered_ug_cm2 = 0.0;      // through a fixed-potential top (infinite dose)
  double mass_balance_rel = 0.0;    // |imbalance| / dose (or / amount entered)
};

// `dose_ug_cm2` is the initial amount per area, or nullopt for an infinite dose
// (then the balance is taken against the amount that entered the skin). On a rank
// of a case split over ranks the problem is the rank's block and `sum` adds the
// ranks' amounts (core/GlobalSum.hpp); every rank gets the whole row.
InventoryRow measure(const model::Problem& problem, const op::DiffusionOperator& system,
                     const linear::Vector& u, const timestep::Cumulative& cumulative, double time_s,
                     std::optional<double> dose_ug_cm2, const core::GlobalSum& sum = {});

// Amount per area (µg/cm²) of the initial field: the dose of a finite-dose case.
double initial_amount_ug_cm2(const model::Problem& problem, const core::GlobalSum& sum = {});

}  // namespace dermaflux::analysis
