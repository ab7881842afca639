#pragma once
// The serum film of a dosing regimen (CASE_FORMAT.md, "Serum film and dosing
// regimens") as one well-mixed compartment above the skin surface: its volume per
// skin area, the volatile part of it, and the active applied and wiped off.
//
// Why well-mixed: a 10 um film in which the active diffuses at D ~ 6e-6 cm^2/s
// evens out in L^2 / D ~ 0.2 s, far below any time step a run takes; what limits
// uptake is the skin, not the film. So the film is one concentration c, the
// potential of the skin's top boundary (op::DiffusionOperator's top conductance),
// found implicitly every step (Bdf2Integrator, FilmStep.cpp). A film that never
// changes (input::Serum::film_is_static) is instead resolved as vehicle cells, as
// it always was, so that those cases keep their bytes.
//
// Everything here is per unit skin area, SI: volumes in m (m^3/m^2), amounts in
// kg/m^2. The volumes do not depend on the skin: the volatile volume falls at the
// evaporation rate while any is left (not occluded); an application adds its volume
// and active; a wipe-off empties the film. So every time at which the film jumps or
// its volume's rate changes (applications, wipe-offs, the moment the volatile part
// is gone) is known ahead: breakpoints the time stepper lands on.
//
// The active: the film holds M = applied - removed - entered, where `entered` is
// the cumulative amount that crossed the skin surface (the integrator's), so the
// books balance by construction. Of M, min(M, S V) is dissolved (S the solubility)
// and the rest is undissolved solid.

#include <optional>
#include <vector>

#include "input/Case.hpp"

namespace dermaflux::timestep {

// Whether a serum's film is a compartment: a finite dose that is not static (a
// static one is resolved as vehicle cells, an infinite dose has no film).
inline bool has_film_compartment(const input::Serum& serum) {
  return !serum.infinite_dose && !serum.film_is_static();
}

// The film's state at a time; with the case it determines everything else.
struct FilmState {
  double reference_time_s = 0.0;  // the volumes below are those of this time
  double volume_m = 0.0;          // whole film volume per area at reference_time_s
  double volatile_m = 0.0;        // its volatile part at reference_time_s
  double applied_kg_m2 = 0.0;     // cumulative
  double removed_kg_m2 = 0.0;     // cumulative, by wipe-offs
  int events_done = 0;            // applications and wipe-offs passed (in time order)
};

// The film's amounts at a time, for the outputs.
struct FilmAmounts {
  double dissolved_kg_m2 = 0.0;
  double solid_kg_m2 = 0.0;
  double applied_kg_m2 = 0.0;
  double removed_kg_m2 = 0.0;
  double thickness_m = 0.0;
};

class FilmCompartment {
 public:
  // The regimen of `serum` (applications, wipe-offs, vehicle, occlusion).
  explicit FilmCompartment(const input::Serum& serum);

  // The first breakpoint strictly after t_s: an application, a wipe-off, or the
  // moment the volatile part is gone; +infinity when there is none.
  double next_breakpoint_after(double t_s) const;

  // Applies every application and wipe-off at exactly t_s not yet applied (an
  // application and a wipe-off at the same time: the wipe-off first, then the new
  // film). `entered_kg_m2` is the cumulative amount that has entered the skin so
  // far (what a wipe-off does not find in the film). Returns whether any was.
  bool pass_events_at(double t_s, double entered_kg_m2);

  // The film volume per area at t_s (>= reference time): linear between breakpoints.
  double volume_at(double t_s) const;
  // Whether there is film on the skin after the events at the reference time: the
  // top boundary is open to it. Between two breakpoints this does not change.
  bool present() const { return state_.volume_m > 0.0; }

  // What the film holds: applied - removed - entered (kg/m^2, >= 0 up to rounding).
  double held_kg_m2(double entered_kg_m2) const {
    return state_.applied_kg_m2 - state_.removed_kg_m2 - entered_kg_m2;
  }

  // The film concentration c at the end of a step on which the amount entered
  // (cumulative, kg/m^2) is affine in c: entered(c) = e0 + e1 (c - base), e1 > 0.
  // With volume V: c = min(M / V, S) where M = held - entered(c), i.e. the
  // unsaturated c = (held - e0 + e1 base) / (V + e1), capped at the solubility.
  double concentration(double volume_m, double e0_kg_m2, double e1_m, double base_kg_m3) const;

  // Whether a film at the solubility (`potential` == S) stays so when the amount
  // entered comes to e0 with c = S: it still holds at least S V.
  bool stays_saturated(double potential_kg_m3, double volume_m, double e0_kg_m2) const {
    return solubility_kg_m3_ && potential_kg_m3 == *solubility_kg_m3_ &&
           held_kg_m2(e0_kg_m2) >= *solubility_kg_m3_ * volume_m;
  }

  // The amounts at t_s (dissolved and solid from M = held and the volume then).
  FilmAmounts amounts_at(double t_s, double entered_kg_m2) const;

  const FilmState& state() const { return state_; }
  void restore(const FilmState& state) { state_ = state; }

  // The first application's active per area (summary.json `dose_ug_cm2`).
  double first_dose_kg_m2() const;

 private:
  struct Event {
    double at_s;
    bool removal;               // a wipe-off; else an application
    double volume_m = 0.0;      // an application's
    double active_kg_m2 = 0.0;  // an application's
  };
  // When the volatile part runs out, if it does (evaporating, not occluded).
  std::optional<double> dry_time_s() const;
  // Moves the reference time to t_s (volumes evaluated there).
  void move_reference_to(double t_s);

  std::vector<Event> events_;  // ascending in time; removals before applications at a time
  double volatile_fraction_ = 0.0;
  double evaporation_rate_m_s_ = 0.0;  // 0 when occluded
  std::optional<double> solubility_kg_m3_;
  FilmState state_;
};

}  // namespace dermaflux::timestep
