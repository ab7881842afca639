#include "app/ProgressLine.hpp"

#include <unistd.h>

#include <cstdio>

namespace dermaflux::app {

ProgressLine::ProgressLine(bool quiet) : enabled_(!quiet && isatty(STDERR_FILENO) != 0) {}

ProgressLine::~ProgressLine() {
  finish();
}

void ProgressLine::update(const run::Progress& p) {
  if (!enabled_) return;
  // Redraw at most ten times a second; terminals are slow.
  const auto now = std::chrono::steady_clock::now();
  if (drawn_ && now - last_draw_ < std::chrono::milliseconds(100) && p.time_s < p.end_s) return;
  last_draw_ = now;
  const double percent = p.end_s > 0.0 ? 100.0 * p.time_s / p.end_s : 100.0;
  std::fprintf(stderr, "\rdermaflux: t = %.4g h / %.4g h (%5.1f %%)  step %ld   ",
               p.time_s / 3600.0, p.end_s / 3600.0, percent, p.steps);
  std::fflush(stderr);
  drawn_ = true;
}

void ProgressLine::finish() {
  if (enabled_ && drawn_) {
    std::fputc('\n', stderr);
    drawn_ = false;
  }
}

}  // namespace dermaflux::app
