#include "app/StepPace.hpp"

#include <cstdio>

namespace dermaflux::app {

bool StepPace::update(const run::Progress& p) {
  if (warned_) return false;
  if (!started_) {  // a resumed run starts counting where its checkpoint was
    started_ = true;
    window_start_steps_ = p.steps;
    window_start_time_s_ = p.time_s;
    return false;
  }
  const long window = p.steps - window_start_steps_;
  if (window < kWindowSteps) return false;
  const double mean_step_s = (p.time_s - window_start_time_s_) / static_cast<double>(window);
  window_start_steps_ = p.steps;
  window_start_time_s_ = p.time_s;
  const double remaining =
      mean_step_s > 0.0 ? (p.end_s - p.time_s) / mean_step_s : kUnreasonableSteps + 1.0;
  if (static_cast<double>(p.steps) + remaining <= kUnreasonableSteps) return false;
  warned_ = true;
  std::fprintf(stderr,
               "\ndermaflux: warning: %ld steps to t = %.4g h of %.4g h; at the last %ld steps' "
               "pace (%.3g s each) about %.3g more are to come. Steps this small come from the "
               "case's settings: solver.max_iterations or solver.linear_tolerance (a CG solve "
               "stopped short rejects the step), time.max_step, time.tolerance, or a mesh far "
               "finer than needed\n",
               p.steps, p.time_s / 3600.0, p.end_s / 3600.0, window, mean_step_s, remaining);
  std::fflush(stderr);
  return true;
}

}  // namespace dermaflux::app
