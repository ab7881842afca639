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

// A film compartment's columns (timestep/FilmCompartment.hpp), appended to
// timeseries.csv; a static film has none.
struct FilmColumns {
  double applied_ug_cm2 = 0.0;  // all applied so far
  double solid_ug_cm2 = 0.0;    // undissolved in the film
  double removed_ug_cm2 = 0.0;  // wiped off so far
  double film_um = 0.0;         // thickness
};

struct InventoryRow {
  double time_h = 0.0;
  double vehicle_ug_cm2 = 0.0;
  std::vector<double> layer_ug_cm2;  // skin layers, surface down
  double receptor_ug_cm2 = 0.0;
  double cleared_ug_cm2 = 0.0;
  double in_channels_ug_cm2 = 0.0;  // part of the layer amounts inside open channels
  double flux_ug_cm2_h = 0.0;       // into the receptor, at this time
  double entered_ug_cm2 = 0.0;      // through a fixed-potential top (infinite dose)
  double mass_balance_rel = 0.0;    // |imbalance| / dose (or / amount entered, or applied)
  std::optional<FilmColumns> film;  // a film compartment's; vehicle_ug_cm2 is then dissolved
};

// `dose_ug_cm2` is the initial amount per area, or nullopt for an infinite dose
// (then the balance is taken against the amount that entered the skin). On a rank
// of a case split over ranks the problem is the rank's block and `sum` adds the
// ranks' amounts (core/GlobalSum.hpp); every rank gets the whole row.
InventoryRow measure(const model::Problem& problem, const op::DiffusionOperator& system,
                     const linear::Vector& u, const timestep::Cumulative& cumulative, double time_s,
                     std::optional<double> dose_ug_cm2, const core::GlobalSum& sum = {});

// Books a film compartment's amounts (per area, SI) into a row measured on its
// skin: the vehicle is what is dissolved in the film, the film columns are set and
// the balance is vehicle + solid + layers + receptor + cleared + removed = applied.
void book_film(InventoryRow& row, const timestep::FilmAmounts& film);

// Amount per area (µg/cm²) of the initial field: the dose of a finite-dose case.
double initial_amount_ug_cm2(const model::Problem& problem, const core::GlobalSum& sum = {});

}  // namespace dermaflux::analysis
