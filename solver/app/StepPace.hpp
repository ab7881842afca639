#pragma once
// One warning, on standard error, when a run's step size foretells an
// unreasonable number of steps (more than 10^5): settings such as
// solver.max_iterations: 1 (every CG solve stopped short, steps rejected and
// shrunk), a tiny time.max_step or time.tolerance, or a far too fine mesh. The
// run goes on; the user learns early why it will take hours, and what to change.

#include "run/Simulation.hpp"

namespace dermaflux::app {

class StepPace {
 public:
  static constexpr long kWindowSteps = 1000;         // steps between two estimates
  static constexpr double kUnreasonableSteps = 1e5;  // warned above this

  // Estimates the steps still to come at the pace of the last window; returns
  // true (once) when it warns.
  bool update(const run::Progress& progress);

 private:
  bool warned_ = false;
  bool started_ = false;
  long window_start_steps_ = 0;
  double window_start_time_s_ = 0.0;
};

}  // namespace dermaflux::app
