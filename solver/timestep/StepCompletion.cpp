// The part of Bdf2Integrator that completes a solved attempt: the conservation
// correction, the local error estimate, the new amounts and the clearance rate.
// They were five passes over the field (and two more for the sums the correction
// needs); here they are two, each sum bitwise what its own pass gave
// (core::deterministic_sums), so results keep their bytes.
//
// Conservation: the amount a step creates or loses is dt / alpha0 times the sum of
// its residual b - S u: a solve converged to ||r|| <= tol ||b|| may still leave a
// sum that, over hundreds of steps, adds up to more than the 1e-9 mass balance the
// bookkeeping promises. Adding d |u| with d = sum(r) / sum(S |u|) makes the sum of
// the new residual zero (to rounding), so every step conserves mass whatever the
// linear tolerance. S's column sums are positive (DiffusionOperator::sum_of_apply),
// so sum(S |u|) > 0 for any nonzero u; for a concentration field (u >= 0) this
// scales u by 1 + d, keeping its sign, and |d| is of the order of the solve's own
// relative error.
//
// Local error of variable-step BDF2 (derivative of the quadratic interpolant):
//   e = (1 + w) / (1 + 2 w) * dt^2 (dt + h_n) / 6 * (third time derivative),
// the derivative estimated as 6 times the third divided difference of the amounts
// m = C u over t_{n-2} .. t_{n+1}; divided by the capacity it is an error in u.
// Measured relative to |u| plus the serum concentration scale, in the
// volume-weighted RMS norm: the weighted RMS norm of CVODE (Hindmarsh et al.
// 2005), with cell volumes as weights so that it approximates the relative L2
// error of the field and does not depend on how finely a region is meshed.
// Against the max norm it needs about half the steps for the same accuracy of
// the reported amounts (quick-start: 149 steps at 1e-5 versus 274 at 1e-4 with
// the max norm, 24 h amounts within 0.1-0.5 % of each other).
// The first two steps (backward Euler, then BDF2 with one history point) have no
// estimate; they use the initial step. Fixed steps have none either.

#include <array>
#include <cmath>

#include "core/Parallel.hpp"
#include "timestep/Bdf2Integrator.hpp"

namespace dermaflux::timestep {

void Bdf2Integrator::complete_attempt(Attempt& attempt, double dt) {
  const std::size_t n = system_.size();
  const double* b = rhs_.data();
  double* u = attempt.u.data();
  const double* cap = system_.capacity().data();
  const double* kc = system_.clearance();  // null: no cell clears
  const double shift = system_.shift();

  // Pass 1: sum b, sum S|u|, sum S u (S's column sums: shift C + clearance in every
  // cell, the boundary conductances on the top and bottom planes) and the cells
  // that are not finite.
  // Taken on the guess already when the solve kept it (StepGuess.cpp).
  const std::array<double, 4> volume_terms =
      attempt.guess_terms_taken && attempt.guess_kept
          ? attempt.guess_terms
          : core::deterministic_sums<4>(n, [=](std::size_t c) {
              const double column = shift * cap[c] + (kc ? kc[c] : 0.0);
              return std::array<double, 4>{b[c], column * std::abs(u[c]), column * u[c],
                                           std::isfinite(u[c]) ? 0.0 : 1.0};
            });
  const double* g_top = system_.top_conductance().data();
  const double* g_bottom = system_.bottom_conductance().data();
  const double* u_top = u + system_.grid().index(0, 0, system_.grid().nz() - 1);
  const std::array<double, 2> boundary_terms =
      core::deterministic_sums<2>(system_.top_conductance().size(), [=](std::size_t k) {
        return std::array<double, 2>{g_top[k] * std::abs(u_top[k]) + g_bottom[k] * std::abs(u[k]),
                                     g_top[k] * u_top[k] + g_bottom[k] * u[k]};
      });
  double sums[4] = {volume_terms[0], volume_terms[1] + boundary_terms[0],
                    volume_terms[2] + boundary_terms[1], volume_terms[3]};
  core::sum_over_ranks(global_sum_, sums);
  // Every rank reaches the same verdict: a field not finite anywhere fails all.
  if (sums[3] != 0.0) {
    attempt.solved = false;
    return;
  }
  const double weight = sums[1];
  // u = 0: nothing to correct.
  const double d = weight > 0.0 ? (sums[0] - sums[2]) / weight : 0.0;

  if (variable_order()) {
    complete_variable_order(attempt, dt, d);
    return;
  }
  // Pass 2: u += d |u|, the amounts C u (into the right-hand side's buffer, no
  // longer needed), the clearance rate and the error estimate's weighted sum.
  attempt.amounts.swap(rhs_);
  attempt.amounts.resize(static_cast<Eigen::Index>(n));
  double* amounts = attempt.amounts.data();
  const bool estimate = steps_since_restart_ >= 2 && !(settings_.fixed_step_s > 0.0);
  const double t3 = times_[0] + dt, t2 = times_[0], t1 = times_[1], t0 = times_[2];
  const double h = times_[0] - times_[1];
  const double w = dt / h;
  const double factor = (1.0 + w) / (1.0 + 2.0 * w) * dt * dt * (dt + h);
  const double absolute = settings_.reference_potential;
  const double tolerance = settings_.tolerance;
  const CellVolumes* vol = &volume_;
  const double* p2 = amount_[0].data();
  const double* p1 = estimate ? amount_[1].data() : p2;
  const double* p0 = estimate ? amount_[2].data() : p2;
  const std::array<double, 2> step_terms = core::deterministic_sums<2>(n, [=](std::size_t c) {
    if (d != 0.0) u[c] += d * std::abs(u[c]);
    const double p3 = cap[c] * u[c];
    amounts[c] = p3;
    double weighted_error = 0.0;
    if (estimate) {
      const double d32 = (p3 - p2[c]) / (t3 - t2);
      const double d21 = (p2[c] - p1[c]) / (t2 - t1);
      const double d10 = (p1[c] - p0[c]) / (t1 - t0);
      const double d321 = (d32 - d21) / (t3 - t1);
      const double d210 = (d21 - d10) / (t2 - t0);
      const double d3210 = (d321 - d210) / (t3 - t0);
      const double relative = factor * d3210 / cap[c] / (tolerance * (std::abs(u[c]) + absolute));
      weighted_error = (*vol)[c] * relative * relative;
    }
    return std::array<double, 2>{weighted_error, kc ? kc[c] * u[c] : 0.0};
  });
  attempt.clearance_rate = step_terms[1];
  attempt.error_norm =
      estimate ? std::sqrt(core::sum_over_ranks(global_sum_, step_terms[0]) / total_volume_) : 0.0;
}

}  // namespace dermaflux::timestep
