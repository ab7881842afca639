#include "model/ChannelClosure.hpp"

#include <algorithm>
#include <cmath>

namespace dermaflux::model {

ChannelClosure::ChannelClosure(std::vector<mesh::Channel> channels,
                               std::optional<double> half_life_s)
    : channels_(std::move(channels)), half_life_s_(half_life_s) {
  for (const auto& c : channels_)
    widest_m_ = std::max({widest_m_, c.surface_radius_m, c.bottom_radius_m});
}

// Time for the radius to fall by kRadiusStep: t_half log2(1 / (1 - step)).
double ChannelClosure::interval_s() const {
  return *half_life_s_ * std::log2(1.0 / (1.0 - kRadiusStep));
}

double ChannelClosure::scale_at(double t_s) const {
  if (!half_life_s_) return 1.0;
  if (*half_life_s_ <= 0.0) return 0.0;
  return std::exp2(-t_s / *half_life_s_);
}

std::vector<double> ChannelClosure::update_times(double end_s) const {
  std::vector<double> times;
  if (!half_life_s_ || *half_life_s_ <= 0.0 || widest_m_ <= 0.0) return times;
  // Until the widest channel has closed: r0 2^(-t / t_half) < kClosedRadius_m.
  const double all_closed_s = *half_life_s_ * std::log2(widest_m_ / kClosedRadius_m);
  const double step = interval_s();
  for (int n = 1;; ++n) {
    const double t = n * step;
    if (t >= end_s || t > all_closed_s + step) break;
    times.push_back(t);
  }
  return times;
}

std::vector<mesh::Channel> ChannelClosure::open_channels(double t_s) const {
  // The midpoint of the interval [t, t + interval) that starts at t.
  const double midpoint = half_life_s_ && *half_life_s_ > 0.0 ? t_s + 0.5 * interval_s() : t_s;
  const double scale = scale_at(midpoint);
  std::vector<mesh::Channel> open;
  for (const auto& c : channels_) {
    const mesh::Channel now = mesh::scaled(c, scale);
    if (std::max(now.surface_radius_m, now.bottom_radius_m) >= kClosedRadius_m) open.push_back(now);
  }
  return open;
}

}  // namespace dermaflux::model
