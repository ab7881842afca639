// The film compartment's part of Bdf2Integrator (FilmCompartment.hpp): the step
// whose top potential, the film's concentration c, is solved implicitly, and the
// breakpoints at which the film jumps.
//
// A step's system S u = b(c) is linear and c enters only through the top boundary
// source, so u(c) = u1 + (c - base) ub: u1 solved with the top at the last step's
// concentration `base` (the history's right-hand side), ub the response to a unit
// top potential alone. The amount entered over the step, integrated by the same
// BDF formula as accept() integrates it, is then affine in c, and the film's own
// balance (it holds applied - removed - entered) gives c in closed form, capped
// at the solubility (FilmCompartment::concentration). Two solves per step while
// a film is there; ub's initial guess is the last step's, so the second solve
// takes few iterations. A film that stays saturated needs only the first: c is
// the solubility, whatever ub is.

#include "core/Error.hpp"
#include "timestep/Bdf2Integrator.hpp"

namespace dermaflux::timestep {

void Bdf2Integrator::set_film(FilmCompartment& film, double area_m2,
                              std::function<void(bool)> open_top) {
  film_ = &film;
  film_area_m2_ = area_m2;
  open_top_ = std::move(open_top);
  film_->pass_events_at(time_s_, cumulative_[0].entered_kg / film_area_m2_);
  open_top_(film_->present());
}

void Bdf2Integrator::pass_film_breakpoint() {
  const bool was_present = film_->present();
  film_->pass_events_at(time_s_, cumulative_[0].entered_kg / film_area_m2_);
  if (film_->present() != was_present) open_top_(film_->present());
  if (!film_->present()) film_potential_ = 0.0;
  // Something jumped (or the film's volume turned a corner): the history of the
  // smooth stretch before does not extrapolate across, so start again with a
  // backward-Euler step of the initial size.
  steps_since_restart_ = 0;
  order_ = 2;  // variable order climbs again from BDF2 when the history allows
  steps_at_order_ = 0;
  next_step_s_ = settings_.initial_step_s;
}

linear::SolveStats Bdf2Integrator::solve_with_film(Attempt& attempt, double dt,
                                                   const BdfCoefficients& a) {
  const double base = film_potential_;
  system_.set_top_potential(base);
  system_.add_boundary_source(rhs_);
  linear::SolveStats solve = solver_.solve(rhs_, attempt.u);
  stats_.linear_iterations += solve.iterations;
  if (!solve.converged) return solve;

  // What u1 takes in over the step, by the BDF formula of accept() (kg; rates kg/s).
  const double inflow = core::sum_over_ranks(global_sum_, system_.top_inflow(attempt.u));
  const double e0 = integrate_cumulative(a, dt, inflow, &Cumulative::entered_kg);
  const double volume_m = film_->volume_at(time_s_ + dt);
  // A film saturated at the last step that still holds solid with c at the
  // solubility needs nothing more: c = S exactly, and u1 is the field.
  if (film_->stays_saturated(base, volume_m, e0 / film_area_m2_)) {
    attempt.film_potential = base;
    return solve;
  }

  // The unit top potential's source lives on the top plane: zeroed whole once, then
  // only that plane is rebuilt (its conductances change as channels close).
  const auto n = static_cast<Eigen::Index>(system_.size());
  const auto plane = static_cast<Eigen::Index>(system_.top_conductance().size());
  const auto top_row =
      static_cast<Eigen::Index>(system_.grid().index(0, 0, system_.grid().nz() - 1));
  if (top_source_.size() != n) top_source_.setZero(n);
  top_source_.segment(top_row, plane).setZero();
  system_.set_top_potential(1.0);
  system_.add_boundary_source(top_source_);
  if (top_response_.size() != n || !top_response_.allFinite()) top_response_.setZero(n);
  const linear::SolveStats response = solver_.solve(top_source_, top_response_);
  stats_.linear_iterations += response.iterations;
  solve.iterations += response.iterations;
  solve.converged = response.converged;
  if (!solve.converged) return solve;

  // Per unit of c, the rate into the skin and the amount over the step.
  const double per_unit = core::sum_over_ranks(global_sum_, system_.top_inflow(top_response_));
  const double e1 = dt * per_unit / a.alpha0;
  const double c = film_->concentration(volume_m, e0 / film_area_m2_, e1 / film_area_m2_, base);

  attempt.u += (c - base) * top_response_;
  rhs_.segment(top_row, plane) += (c - base) * top_source_.segment(top_row, plane);
  system_.set_top_potential(c);
  attempt.film_potential = c;
  return solve;
}

}  // namespace dermaflux::timestep
