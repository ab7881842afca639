#pragma once
// A one-line progress display on standard error, redrawn in place:
//   dermaflux: t = 3.25 h / 24 h (13.5 %)  step 41
// Silent when standard error is not a terminal (logs, CI, batch) or when quiet.

#include <chrono>

#include "run/Simulation.hpp"

namespace dermaflux::app {

class ProgressLine {
 public:
  explicit ProgressLine(bool quiet);
  ~ProgressLine();
  void update(const run::Progress& progress);
  void finish();

 private:
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace dermaflux::app
