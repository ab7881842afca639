#pragma once
// Steady-state flux and lag time from the receptor curve, the way a Franz-cell
// study reports them: a straight line through the linear part of the cumulative
// amount Q(t); its slope is the steady flux and its intercept with the time axis
// the lag time (Crank, The Mathematics of Diffusion, eq. 4.24a: for a membrane
// Q -> K D C0 / h (t - h^2 / 6D)).
//
// The linear part is the longest run of outputs at the end of the usable range in
// which the instantaneous flux stays within `flux_band` of the run's last flux.
// For a finite dose only outputs before the vehicle has lost `max_depletion` of
// the dose count (the OECD 428 "infinite-dose conditions"), so a flux peak of a
// depleting film is not mistaken for a steady state. At least `min_points`
// outputs are needed, else there is no steady state.

#include <optional>
#include <vector>

namespace dermaflux::analysis {

struct ReceptorSample {
  double time_h;
  double receptor_ug_cm2;
  double flux_ug_cm2_h;
  double depleted_fraction;  // of the dose, 0 for an infinite dose
};

struct SteadyStateSettings {
  double flux_band = 0.01;
  double max_depletion = 0.10;
  int min_points = 3;
};

struct SteadyState {
  double flux_ug_cm2_h;
  double lag_time_h;
  double window_start_h;
  double window_end_h;
};

std::optional<SteadyState> find_steady_state(const std::vector<ReceptorSample>& samples,
                                             const SteadyStateSettings& settings = {});

}  // namespace dermaflux::analysis
