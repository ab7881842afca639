#include "timestep/FilmCompartment.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace dermaflux::timestep {

FilmCompartment::FilmCompartment(const input::Serum& serum) {
  std::vector<input::Application> applications = serum.applications;
  if (applications.empty()) applications.push_back({0.0, serum.dose_m, serum.concentration_kg_m3});
  for (const auto& a : applications)
    events_.push_back({a.at_s, false, a.dose_m, a.dose_m * a.concentration_kg_m3});
  for (const double t : serum.remove_at_s) events_.push_back({t, true});
  // In time order; at one time the wipe-off comes first (the film it finds is the
  // old one), then the new application.
  std::stable_sort(events_.begin(), events_.end(), [](const Event& a, const Event& b) {
    return a.at_s < b.at_s || (a.at_s == b.at_s && a.removal && !b.removal);
  });
  if (serum.vehicle) {
    volatile_fraction_ = serum.vehicle->volatile_fraction;
    evaporation_rate_m_s_ = serum.occluded ? 0.0 : serum.vehicle->evaporation_rate_m_s;
    solubility_kg_m3_ = serum.vehicle->solubility_kg_m3;
  }
}

double FilmCompartment::first_dose_kg_m2() const {
  for (const auto& e : events_)
    if (!e.removal) return e.active_kg_m2;
  return 0.0;
}

std::optional<double> FilmCompartment::dry_time_s() const {
  if (state_.volatile_m <= 0.0 || evaporation_rate_m_s_ <= 0.0) return std::nullopt;
  return state_.reference_time_s + state_.volatile_m / evaporation_rate_m_s_;
}

double FilmCompartment::next_breakpoint_after(double t_s) const {
  double next = std::numeric_limits<double>::infinity();
  for (std::size_t n = static_cast<std::size_t>(state_.events_done); n < events_.size(); ++n)
    if (events_[n].at_s > t_s) {
      next = events_[n].at_s;
      break;
    }
  // A dry-out within rounding of t_s (an output time computed otherwise) is not
  // landed on again: it would be a step of a few ulps.
  if (const auto dry = dry_time_s(); dry && *dry - t_s > 1e-12 * std::max(1.0, std::abs(t_s)))
    next = std::min(next, *dry);
  return next;
}

double FilmCompartment::volume_at(double t_s) const {
  const auto dry = dry_time_s();
  if (!dry) return state_.volume_m;
  if (t_s >= *dry) return state_.volume_m - state_.volatile_m;  // exactly what stays
  return state_.volume_m - evaporation_rate_m_s_ * (t_s - state_.reference_time_s);
}

void FilmCompartment::move_reference_to(double t_s) {
  const auto dry = dry_time_s();
  if (dry && t_s >= *dry) {
    state_.volume_m -= state_.volatile_m;
    state_.volatile_m = 0.0;
  } else if (dry) {
    const double lost = evaporation_rate_m_s_ * (t_s - state_.reference_time_s);
    state_.volume_m -= lost;
    state_.volatile_m -= lost;
  }
  state_.reference_time_s = t_s;
}

bool FilmCompartment::pass_events_at(double t_s, double entered_kg_m2) {
  bool passed = false;
  auto n = static_cast<std::size_t>(state_.events_done);
  for (; n < events_.size() && events_[n].at_s <= t_s; ++n) {
    if (!passed) move_reference_to(t_s);
    passed = true;
    const Event& e = events_[n];
    if (e.removal) {
      state_.removed_kg_m2 += held_kg_m2(entered_kg_m2);
      state_.volume_m = state_.volatile_m = 0.0;
    } else {
      state_.volume_m += e.volume_m;
      state_.volatile_m += volatile_fraction_ * e.volume_m;
      state_.applied_kg_m2 += e.active_kg_m2;
    }
  }
  state_.events_done = static_cast<int>(n);
  return passed;
}

double FilmCompartment::concentration(double volume_m, double e0_kg_m2, double e1_m,
                                      double base_kg_m3) const {
  const double c = (held_kg_m2(e0_kg_m2) + e1_m * base_kg_m3) / (volume_m + e1_m);
  return solubility_kg_m3_ ? std::min(c, *solubility_kg_m3_) : c;
}

FilmAmounts FilmCompartment::amounts_at(double t_s, double entered_kg_m2) const {
  FilmAmounts a;
  a.thickness_m = present() ? volume_at(t_s) : 0.0;
  const double held = present() ? held_kg_m2(entered_kg_m2) : 0.0;
  const double capacity =
      solubility_kg_m3_ ? *solubility_kg_m3_ * a.thickness_m : std::numeric_limits<double>::max();
  a.dissolved_kg_m2 = std::min(held, capacity);
  a.solid_kg_m2 = held - a.dissolved_kg_m2;
  a.applied_kg_m2 = state_.applied_kg_m2;
  a.removed_kg_m2 = state_.removed_kg_m2;
  return a;
}

}  // namespace dermaflux::timestep
