#include "model/ChannelClosure.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace dermaflux::model {
namespace {

// The radius scale of a quantum: (1 - quantum step)^q.
double scale_of(long quantum) { return std::pow(1.0 - kScaleQuantum, static_cast<double>(quantum)); }

}  // namespace

ChannelClosure::ChannelClosure(std::vector<mesh::Channel> channels, std::optional<double> half_life_s)
    : channels_(std::move(channels)), half_life_s_(half_life_s) {
  double widest = 0.0;
  for (const auto& c : channels_) widest = std::max({widest, c.surface_radius_m, c.bottom_radius_m});
  // The first quantum at which even the widest channel is narrower than closed.
  closed_quantum_ = widest > kClosedRadius_m
                        ? static_cast<long>(std::ceil(std::log(kClosedRadius_m / widest) /
                                                      std::log(1.0 - kScaleQuantum)))
                        : 0;
}

long ChannelClosure::quantum_at(double t_s) const {
  if (!half_life_s_) return 0;
  if (*half_life_s_ <= 0.0) return closed_quantum_;
  // scale(t) = 2^(-t/t_half); the quantum whose scale interval holds it.
  const double quanta = (t_s / *half_life_s_) * std::log(2.0) / -std::log(1.0 - kScaleQuantum);
  return std::min(closed_quantum_, static_cast<long>(std::floor(quanta)));
}

std::vector<mesh::Channel> ChannelClosure::open_channels(long quantum) const {
  if (quantum >= closed_quantum_ && half_life_s_) return {};
  const double scale = scale_of(quantum);
  std::vector<mesh::Channel> open;
  for (const auto& c : channels_) {
    const mesh::Channel now = mesh::scaled(c, scale);
    if (std::max(now.surface_radius_m, now.bottom_radius_m) >= kClosedRadius_m) open.push_back(now);
  }
  return open;
}

}  // namespace dermaflux::model
