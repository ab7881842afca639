#include "timestep/Bdf2Integrator.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <sstream>

#include "core/Error.hpp"
#include "core/Parallel.hpp"

namespace dermaflux::timestep {
namespace {

// Variable-step BDF2 with omega = dt / h_n (Hairer & Wanner, II.III.5); backward
// Euler when there is no history yet (h_n == 0).
BdfCoefficients bdf_coefficients(double dt, double previous_step) {
  if (previous_step <= 0.0) return {1.0, -1.0, 0.0};
  const double w = dt / previous_step;
  return {(1.0 + 2.0 * w) / (1.0 + w), -(1.0 + w), w * w / (1.0 + w)};
}

// Step-size ratio limits: BDF2 with variable steps is zero-stable for ratios
// below 1 + sqrt(2) (Grigorieff); 2 keeps a margin.
constexpr double kMaxGrowth = 2.0;
constexpr double kMinShrink = 0.2;
constexpr double kSafety = 0.9;

std::string describe_time(double t_s) {
  std::ostringstream text;
  text << t_s << " s (" << t_s / 3600.0 << " h)";
  return text.str();
}

}  // namespace

Bdf2Integrator::Bdf2Integrator(op::DiffusionOperator& system, linear::StepSolver& solver,
                               linear::Vector initial, StepSettings settings)
    : system_(system),
      solver_(solver),
      settings_(settings),
      next_step_s_(settings.initial_step_s),
      u_(std::move(initial)),
      volume_(system.grid()) {
  store_amounts(u_, amount_[0]);
  total_volume_ = local_volume();
}

double Bdf2Integrator::local_volume() const {
  return core::deterministic_sum(volume_.size(), [this](std::size_t c) { return volume_[c]; });
}

void Bdf2Integrator::set_global_sum(core::GlobalSum sum) {
  global_sum_ = std::move(sum);
  total_volume_ = core::sum_over_ranks(global_sum_, local_volume());
}

void Bdf2Integrator::store_amounts(const linear::Vector& u, linear::Vector& amounts) const {
  const Eigen::Map<const linear::Vector> capacity(system_.capacity().data(), u.size());
  amounts.resize(u.size());  // a no-op after the first steps: no field-sized temporary
  amounts = capacity.cwiseProduct(u);
}

void Bdf2Integrator::lend_state(const std::function<void(const IntegratorState&)>& use) {
  IntegratorState s;
  s.time_s = time_s_;
  s.next_step_s = next_step_s_;
  for (int n = 0; n < 3; ++n) {
    s.times[n] = times_[n];
    s.amounts[n].swap(amount_[n]);
  }
  s.u.swap(u_);
  s.cumulative[0] = cumulative_[0];
  s.cumulative[1] = cumulative_[1];
  s.stats = stats_;
  s.steps_since_restart = steps_since_restart_;
  if (film_) s.film = film_->state();
  s.film_potential = film_potential_;
  s.top_response.swap(top_response_);
  s.order = order_;
  s.steps_at_order = steps_at_order_;
  s.oldest_time = times_[3];
  s.oldest_amounts.swap(amount_[3]);
  s.oldest_cumulative = cumulative_[2];
  // The fields go back whatever `use` does (swaps cannot throw).
  struct GiveBack {
    IntegratorState& s;
    Bdf2Integrator& owner;
    ~GiveBack() {
      for (int n = 0; n < 3; ++n) owner.amount_[n].swap(s.amounts[n]);
      owner.u_.swap(s.u);
      owner.top_response_.swap(s.top_response);
      owner.amount_[3].swap(s.oldest_amounts);
    }
  } give_back{s, *this};
  use(s);
}

void Bdf2Integrator::restore(const IntegratorState& s) {
  if (static_cast<std::size_t>(s.u.size()) != system_.size())
    throw NumericalError("cannot restore an integrator state of another mesh size");
  time_s_ = s.time_s;
  next_step_s_ = s.next_step_s;
  for (int n = 0; n < 3; ++n) {
    times_[n] = s.times[n];
    amount_[n] = s.amounts[n];
  }
  u_ = s.u;
  cumulative_[0] = s.cumulative[0];
  cumulative_[1] = s.cumulative[1];
  stats_ = s.stats;
  steps_since_restart_ = s.steps_since_restart;
  film_potential_ = s.film_potential;
  top_response_ = s.top_response;
  order_ = s.order;
  steps_at_order_ = s.steps_at_order;
  times_[3] = s.oldest_time;
  amount_[3] = s.oldest_amounts;  // empty: step_order() stays at 2 until it is rebuilt
  cumulative_[2] = s.oldest_cumulative;
  if (film_) {
    film_->restore(s.film);
    open_top_(film_->present());
  }
}

int Bdf2Integrator::step_order() const {
  if (steps_since_restart_ < 1) return 1;
  if (!variable_order()) return 2;
  if (order_ >= 3 && steps_since_restart_ >= 3 && amount_[3].size() == u_.size()) return 3;
  return std::min(order_, 2);
}

BdfCoefficients Bdf2Integrator::step_coefficients(int order, double dt) const {
  if (order >= 3) return variable_order_coefficients(order, time_s_ + dt, times_);
  return bdf_coefficients(dt, order >= 2 ? times_[0] - times_[1] : 0.0);
}

double Bdf2Integrator::integrate_cumulative(const BdfCoefficients& a, double dt, double rate_kg_s,
                                            double Cumulative::*member) const {
  const double now = cumulative_[0].*member, before = previous_cumulative().*member;
  if (a.alpha3 == 0.0) return (dt * rate_kg_s - a.alpha1 * now - a.alpha2 * before) / a.alpha0;
  return (dt * rate_kg_s - a.alpha1 * now - a.alpha2 * before -
          a.alpha3 * (cumulative_[2].*member)) /
         a.alpha0;
}

Bdf2Integrator::Attempt Bdf2Integrator::attempt_step(double dt) {
  // Coefficients at the new time level; the amount history needs no change.
  if (prepare_) prepare_(time_s_ + dt);
  Attempt attempt;
  attempt.order = step_order();
  const BdfCoefficients a = step_coefficients(attempt.order, dt);

  // Fixed steps keep the shift: the operator's diagonal and the solver's factors stand.
  if (system_.shift() != a.alpha0 / dt) system_.set_shift(a.alpha0 / dt);
  solver_.update();

  // Right-hand side and initial guess (StepGuess.cpp, VariableOrderStep.cpp).
  const std::size_t n = system_.size();
  rhs_.resize(static_cast<Eigen::Index>(n));
  attempt.u.swap(spare_u_);
  attempt.u.resize(static_cast<Eigen::Index>(n));
  // The guess extrapolates the amounts through the last three solutions (quadratic,
  // the BDF2 predictor), or the last two at the start: Lagrange weights at t_new.
  const double t_new = time_s_ + dt;
  std::array<double, 3> predictor{1.0, 0.0, 0.0};
  if (steps_since_restart_ >= 2) {
    const double t0 = times_[0], t1 = times_[1], t2 = times_[2];
    predictor[0] = (t_new - t1) * (t_new - t2) / ((t0 - t1) * (t0 - t2));
    predictor[1] = (t_new - t0) * (t_new - t2) / ((t1 - t0) * (t1 - t2));
    predictor[2] = (t_new - t0) * (t_new - t1) / ((t2 - t0) * (t2 - t1));
  } else if (steps_since_restart_ >= 1) {
    const double w = dt / (times_[0] - times_[1]);
    predictor[0] = 1.0 + w;
    predictor[1] = -w;
  }
  attempt.guess_terms_taken = false;
  if (attempt.order >= 3)
    fill_third_order_step(attempt, a, dt);
  else
    fill_second_order_step(attempt, a, dt, predictor);
  linear::SolveStats solve;
  if (film_ && film_->present()) {
    solve = solve_with_film(attempt, dt, a);
  } else {
    if (!attempt.guess_terms_taken) system_.add_boundary_source(rhs_);
    solve = solver_.solve(rhs_, attempt.u);
    stats_.linear_iterations += solve.iterations;
    attempt.guess_kept = solve.guess_kept;
  }
  guesses_kept_ = attempt.guess_kept ? guesses_kept_ + 1 : 0;
  attempt.solved = solve.converged;
  if (attempt.solved) complete_attempt(attempt, dt);
  return attempt;
}

void Bdf2Integrator::recycle(Attempt& attempt) {
  spare_u_.swap(attempt.u);
  if (attempt.amounts.size() > 0) rhs_.swap(attempt.amounts);
}

void Bdf2Integrator::accept(Attempt&& attempt, double dt) {
  const BdfCoefficients a = step_coefficients(attempt.order, dt);

  // Boundary amounts by the same BDF formula as the field (see header).
  double rates[3] = {system_.bottom_outflow(attempt.u), attempt.clearance_rate,
                     system_.top_inflow(attempt.u)};
  core::sum_over_ranks(global_sum_, rates);
  const double receptor_rate = rates[0], cleared_rate = rates[1], entered_rate = rates[2];
  Cumulative next;
  next.receptor_kg = integrate_cumulative(a, dt, receptor_rate, &Cumulative::receptor_kg);
  next.cleared_kg = integrate_cumulative(a, dt, cleared_rate, &Cumulative::cleared_kg);
  next.entered_kg = integrate_cumulative(a, dt, entered_rate, &Cumulative::entered_kg);
  cumulative_[2] = cumulative_[1];
  cumulative_[1] = cumulative_[0];
  cumulative_[0] = next;

  // History shifts by swapping buffers; the oldest one becomes the next right-hand
  // side, the last field the next attempt's. Variable order keeps one level more.
  if (variable_order()) {
    rhs_.swap(amount_[3]);
    std::swap(amount_[3], amount_[2]);
  } else {
    rhs_.swap(amount_[2]);
  }
  std::swap(amount_[2], amount_[1]);
  std::swap(amount_[1], amount_[0]);
  amount_[0].swap(attempt.amounts);
  u_.swap(attempt.u);
  spare_u_.swap(attempt.u);
  times_[3] = times_[2];
  times_[2] = times_[1];
  times_[1] = times_[0];
  times_[0] = time_s_ + dt;
  time_s_ = times_[0];
  ++stats_.steps;
  ++stats_.steps_at_order[attempt.order];
  ++steps_at_order_;
  ++steps_since_restart_;
  stats_.last_step_s = dt;
  film_potential_ = attempt.film_potential;
}

void Bdf2Integrator::advance_to(double t_target_s, const std::function<void(double)>& on_step) {
  int failures = 0;
  while (time_s_ < t_target_s) {
    // A film's next breakpoint before the target is landed on like the target.
    const double breakpoint = film_ ? film_->next_breakpoint_after(time_s_) : t_target_s;
    const double stop = std::min(t_target_s, breakpoint);
    double dt = settings_.fixed_step_s > 0.0 ? settings_.fixed_step_s : next_step_s_;
    if (settings_.max_step_s > 0.0) dt = std::min(dt, settings_.max_step_s);
    const double remaining = stop - time_s_;
    // Land exactly on the target; avoid leaving a sliver for the next step.
    bool lands = false;
    if (dt >= remaining * (1.0 - 1e-12)) {
      dt = remaining;
      lands = true;
    } else if (dt > 0.5 * remaining) {
      dt = 0.5 * remaining;
    }

    if (stats_.steps >= settings_.max_steps)
      throw NumericalError("time integration stopped at t = " + describe_time(time_s_) + " after " +
                           std::to_string(stats_.steps) +
                           " steps, far more than a case needs; check the case's coefficients, "
                           "or loosen time.tolerance");
    Attempt attempt = attempt_step(dt);
    if (!attempt.solved || attempt.error_norm > 1.0) {
      recycle(attempt);
      ++stats_.rejected_steps;
      const bool too_short = dt < settings_.min_step_s && !lands;
      if (++failures > settings_.max_consecutive_failures || too_short) {
        throw NumericalError(
            "time integration failed at t = " + describe_time(time_s_) + ", step " +
            std::to_string(stats_.steps + 1) + ", after " + std::to_string(failures) +
            " attempts (last step " + describe_time(dt) + "): " +
            (attempt.solved ? "the local error stays above time.tolerance (loosen it, or check "
                              "the case's coefficients)"
                            : "the linear solver did not converge or the field is not finite "
                              "(raise solver.max_iterations, loosen solver.linear_tolerance, or "
                              "check the case's coefficients)"));
      }
      double factor = attempt.solved
                          ? std::clamp(kSafety * std::cbrt(1.0 / attempt.error_norm), 0.1, 0.9)
                          : 0.25;
      if (variable_order() && attempt.solved)
        factor = change_order_after_rejection(attempt, failures);
      next_step_s_ = dt * factor;
      continue;
    }
    failures = 0;
    double growth =
        attempt.error_norm > 0.0
            ? std::clamp(kSafety * std::cbrt(1.0 / attempt.error_norm), kMinShrink, kMaxGrowth)
            : (steps_since_restart_ < 2 ? 1.0 : kMaxGrowth);
    const int order = attempt.order;
    const OrderErrors errors = attempt.errors;
    accept(std::move(attempt), dt);
    if (variable_order() && errors[order] >= 0.0) growth = change_order_after_step(order, errors);
    if (lands) time_s_ = times_[0] = stop;  // exactly, whatever the rounding
    next_step_s_ = dt * growth;
    if (film_ && lands && breakpoint == stop) pass_film_breakpoint();
    if (on_step) on_step(time_s_);
  }
}

}  // namespace dermaflux::timestep
