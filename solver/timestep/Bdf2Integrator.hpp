#pragma once
// Adaptive implicit time integration of  d(C u)/dt = -A u + b  (C = capacity,
// which may change between steps as channels close).
//
// The first step is backward Euler; every later step is variable-step BDF2
// (L-stable, second order). The step size follows a local error estimate from
// the third divided difference of the last four solutions and lands exactly on
// every requested time. Amounts leaving through the boundaries (receptor,
// clearance) or entering (infinite dose) are integrated with the same BDF
// formula as the field, so that  sum(C u) + receptor + cleared - entered  is
// conserved to the accuracy of the linear solves, whatever the step sizes.
//
// With StepSettings::max_order 3 (`time.order: auto`) the order varies from 1 to 3
// instead (VariableOrder.hpp, VariableOrderStep.cpp); orders 1 and 2 take the
// same formulas as BDF2's start-up and steps.

#include <array>
#include <functional>

#include "core/GlobalSum.hpp"
#include "linear/LinearOperator.hpp"
#include "linear/StepSolver.hpp"
#include "operator/DiffusionOperator.hpp"
#include "timestep/CellVolumes.hpp"
#include "timestep/FilmCompartment.hpp"
#include "timestep/VariableOrder.hpp"

namespace dermaflux::timestep {

struct StepSettings {
  double tolerance = 1e-5;  // local error per step, relative (time.tolerance)
  double initial_step_s = 1.0;
  double max_step_s = 0.0;            // 0: no limit
  double fixed_step_s = 0.0;          // > 0: constant steps, no error control (convergence studies)
  double reference_potential = 1.0;   // potential scale for the absolute part of the error norm
  int max_consecutive_failures = 12;  // rejected or unsolved attempts before giving up
  // A run that needs more steps, or steps shorter than this, is in trouble (a
  // 24 h case takes a few hundred): stop and say so rather than crawl for hours.
  long max_steps = 200000;
  double min_step_s = 1e-7;
  // 2: BDF2 as above (`time.order: 2`, the default). 3: variable order 1-3, the
  // order chosen by the error estimates of the neighbouring orders
  // (`time.order: auto`, VariableOrder.hpp); with fixed steps the order stays
  // where it starts (restore()).
  int max_order = 2;
};

// Amounts (kg) that crossed the domain's boundaries since t = 0.
struct Cumulative {
  double receptor_kg = 0.0;  // out through the bottom sink
  double cleared_kg = 0.0;   // removed by first-order clearance
  double entered_kg = 0.0;   // in through a fixed-potential top (infinite dose)
};

struct IntegratorStats {
  long steps = 0;           // accepted
  long rejected_steps = 0;  // error too large, or a failed linear solve
  long linear_iterations = 0;
  double last_step_s = 0.0;
  long steps_at_order[4] = {0, 0, 0, 0};  // accepted steps by BDF order (index 1..3)
};

// Everything the integrator needs to continue exactly where it stopped: with it a
// resumed run takes the same steps and gives the same bits (checkpoints).
struct IntegratorState {
  double time_s = 0.0;
  double next_step_s = 0.0;
  double times[3] = {0.0, 0.0, 0.0};
  linear::Vector u;
  linear::Vector amounts[3];
  Cumulative cumulative[2];
  IntegratorStats stats;
  // Steps since the BDF2 history last restarted (at a film breakpoint); equal to
  // stats.steps when there is no film compartment.
  long steps_since_restart = 0;
  // A film compartment's (set_film): its state, the potential of the last step and
  // the field's response to a unit top potential (the next step's initial guess).
  FilmState film;
  double film_potential = 0.0;
  linear::Vector top_response;
  // Variable order only (StepSettings::max_order 3): the order of the next step,
  // the steps taken at it, and the fourth history level (time, amounts, and the
  // cumulative amounts one level further back). In checkpoints since their
  // version 3 (run/Checkpoint.cpp); one of version 2 resumes from BDF2.
  int order = 2;
  long steps_at_order = 0;
  double oldest_time = 0.0;
  linear::Vector oldest_amounts;
  Cumulative oldest_cumulative;
};

class Bdf2Integrator {
 public:
  // Every step's system S u = b goes to `solver` (linear/CgStepSolver.hpp: our CG
  // with the multigrid; or hypre), which is not owned.
  Bdf2Integrator(op::DiffusionOperator& system, linear::StepSolver& solver, linear::Vector initial,
                 StepSettings settings);

  // Advances to exactly t_target_s. `on_step(t)` is called after each accepted step.
  // Throws NumericalError when steps keep failing.
  void advance_to(double t_target_s, const std::function<void(double)>& on_step = {});

  // Called before every step attempt with the step's new time level, so that
  // time-dependent coefficients (channel closure) can be set for it.
  void set_step_preparation(std::function<void(double)> prepare) { prepare_ = std::move(prepare); }

  // For one rank of a case split over ranks (parallel/Block.hpp): the operator and the
  // fields hold this rank's cells, and every sum a step decides on is completed
  // over the ranks with `sum`, so that all ranks take the same steps. The step
  // solver must then be a distributed one.
  void set_global_sum(core::GlobalSum sum);

  // Couples a well-mixed film compartment (FilmCompartment.hpp) over `area_m2` of
  // skin to the operator's fixed-potential top: every step solves for the film's
  // concentration implicitly (FilmStep.cpp), the stepper lands on the film's
  // breakpoints and restarts its history after each. `open_top(bool)` opens or
  // closes the top boundary as film comes and goes (the operator and the step
  // solver must follow). Passes the film's events at the current time. The film
  // must outlive this.
  void set_film(FilmCompartment& film, double area_m2, std::function<void(bool)> open_top);

  // Shows the state to `use` without copying the fields (a checkpoint of 10^6
  // cells would otherwise hold four more field copies at its peak): they are
  // lent for the call and given back after it, also when it throws.
  void lend_state(const std::function<void(const IntegratorState&)>& use);
  // Continues from a saved state of an integrator on the same operator.
  void restore(const IntegratorState& state);

  double time() const { return time_s_; }
  const linear::Vector& solution() const { return u_; }
  const Cumulative& cumulative() const { return cumulative_[0]; }
  const IntegratorStats& stats() const { return stats_; }

 private:
  struct Attempt {
    bool solved = false;
    double error_norm = 0.0;  // <= 1 accepts
    linear::Vector u;
    linear::Vector amounts;       // C u, made with u (StepCompletion.cpp)
    double clearance_rate = 0.0;  // kg/s, this process's cells
    double film_potential = 0.0;
    int order = 2;                               // BDF order of the step
    OrderErrors errors{-1.0, -1.0, -1.0, -1.0};  // variable order: the orders' estimates
    // complete_attempt's first sums taken on the guess (StepGuess.cpp), and whether
    // the solve kept the guess, so that they hold for the solution.
    bool guess_terms_taken = false;
    bool guess_kept = false;
    std::array<double, 4> guess_terms{};
  };
  Attempt attempt_step(double dt);
  // A solved attempt's conservation correction, local error, amounts and clearance
  // rate, in two passes over memory (StepCompletion.cpp); unsolved if not finite.
  void complete_attempt(Attempt& attempt, double dt);
  // Variable order: pass 2 of complete_attempt with the estimates of the orders
  // 1..3 that the history allows (VariableOrderStep.cpp).
  void complete_variable_order(Attempt& attempt, double dt, double correction);
  // The order of the next step: BDF2's start-up ramp, or the chosen order as far
  // as the history allows.
  int step_order() const;
  // The step's formula: BDF2's, or for order 3 the general one.
  BdfCoefficients step_coefficients(int order, double dt) const;
  // Orders 1 and 2: the step's right-hand side and its initial guess, the amounts
  // extrapolated with `predictor`'s weights; after a step whose solve kept its guess,
  // with complete_attempt's first sums on the guess (StepGuess.cpp).
  void fill_second_order_step(Attempt& attempt, const BdfCoefficients& a, double dt,
                              const std::array<double, 3>& predictor);
  // Order 3: the step's right-hand side and its initial guess (the amounts
  // extrapolated by the cubic through the last four levels), instead of BDF2's.
  void fill_third_order_step(Attempt& attempt, const BdfCoefficients& a, double dt);
  // Variable order: the next order and the step factor after an accepted step of
  // `order` (counted in accept()), or after a rejected attempt.
  double change_order_after_step(int order, const OrderErrors& errors);
  double change_order_after_rejection(const Attempt& attempt, int failures);
  bool variable_order() const { return settings_.max_order > 2; }
  // The cumulative amount at the new level by the step's formula (kg).
  double integrate_cumulative(const BdfCoefficients& a, double dt, double rate_kg_s,
                              double Cumulative::*member) const;
  // A rejected attempt's buffers go back for the next one (no allocation per step).
  void recycle(Attempt& attempt);
  // The step's solve with the film's concentration found implicitly (FilmStep.cpp).
  linear::SolveStats solve_with_film(Attempt& attempt, double dt, const BdfCoefficients& a);
  // After landing on a film breakpoint: its events, the top, a history restart.
  void pass_film_breakpoint();
  const Cumulative& previous_cumulative() const {
    return steps_since_restart_ >= 1 ? cumulative_[1] : cumulative_[0];
  }
  double local_volume() const;  // of this process's cells
  // amounts = capacity * u, in place.
  void store_amounts(const linear::Vector& u, linear::Vector& amounts) const;
  void accept(Attempt&& attempt, double dt);

  op::DiffusionOperator& system_;
  linear::StepSolver& solver_;
  StepSettings settings_;

  double time_s_ = 0.0;
  double next_step_s_;
  // The potential u^n, and the amount history m = C u newest first:
  // amount_[0] = m^n, amount_[1] = m^{n-1}, amount_[2] = m^{n-2}; times_ alike.
  // amount_[3] = m^{n-3} only with variable order (empty otherwise).
  linear::Vector u_;
  linear::Vector amount_[4];
  // The step's right-hand side; once an attempt is solved and its sums taken, the
  // buffer holds its amounts (Attempt::amounts), and the oldest amounts' buffer
  // comes back here when the attempt is accepted.
  linear::Vector rhs_;
  linear::Vector spare_u_;  // the buffer of the next attempt's field
  std::function<void(double)> prepare_;
  core::GlobalSum global_sum_;  // empty: the whole case is here
  CellVolumes volume_;          // the weights of the error norm
  double total_volume_ = 0.0;
  double times_[4] = {0.0, 0.0, 0.0, 0.0};
  Cumulative cumulative_[3];
  int order_ = 2;            // variable order: of the next step
  long steps_at_order_ = 0;  // accepted since order_ last changed
  IntegratorStats stats_;
  long steps_since_restart_ = 0;
  int guesses_kept_ = 0;  // solves in a row that left their guess as it was

  FilmCompartment* film_ = nullptr;  // none: no film compartment
  double film_area_m2_ = 1.0;
  std::function<void(bool)> open_top_;
  double film_potential_ = 0.0;  // the film's concentration at the last step
  linear::Vector top_response_;  // the field's response to a unit top potential
  linear::Vector top_source_;    // that response's right-hand side
};

}  // namespace dermaflux::timestep
