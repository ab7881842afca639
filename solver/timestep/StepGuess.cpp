// The part of Bdf2Integrator that starts a BDF2 (or start-up) attempt: its
// right-hand side (-alpha1 m^n - alpha2 m^{n-1}) / dt + boundary source, in amounts
// m = C u so that it stays conservative when C changes (closure), and its initial
// guess, the amounts extrapolated to the new time (StepSettings; the quadratic
// predictor needs ~20 % fewer iterations than a linear one on the benchmark cell).
//
// Past a case's time scale the guess may meet the tolerance by itself, and the
// solve leaves it as it is (linear::SolveStats::guess_kept). After two such steps
// in a row, the next one takes the first pass of complete_attempt
// (StepCompletion.cpp: the sums of b, S|u| and S u and the non-finite cells) in
// this pass over the history, on the guess, speculatively: if its solve keeps the
// guess too, that pass, four arrays read, is saved; if not, it runs as before.
// The sums are the same chunks added in the same order and b the same values (its
// boundary source added here as DiffusionOperator::add_boundary_source adds it),
// so the bits do not change. (On a steady box the quadratic predictor carries the
// last solves' errors, about 3 x the tolerance, into the guess: it keeps about one
// guess in three, and two in a row seldom; see benchmarks/RESULTS.md.)

#include <array>
#include <cmath>

#include "core/Parallel.hpp"
#include "timestep/Bdf2Integrator.hpp"

namespace dermaflux::timestep {

void Bdf2Integrator::fill_second_order_step(Attempt& attempt, const BdfCoefficients& a, double dt,
                                            const std::array<double, 3>& predictor) {
  const std::size_t n = system_.size();
  const double* cap = system_.capacity().data();
  const double* m0 = amount_[0].data();
  const double* m1 = steps_since_restart_ >= 1 ? amount_[1].data() : m0;
  const double* m2 = steps_since_restart_ >= 2 ? amount_[2].data() : m1;
  const double l0 = predictor[0], l1 = predictor[1], l2 = predictor[2];
  double* b = rhs_.data();
  double* guess = attempt.u.data();
  attempt.guess_terms_taken = guesses_kept_ >= 2 && !(film_ && film_->present());
  if (!attempt.guess_terms_taken) {
#pragma omp parallel for schedule(static) if (n >= core::kParallelThreshold)
    for (std::size_t c = 0; c < n; ++c) {
      b[c] = (-a.alpha1 * m0[c] - a.alpha2 * m1[c]) / dt;
      guess[c] = (l0 * m0[c] + l1 * m1[c] + l2 * m2[c]) / cap[c];
    }
    return;
  }
  const double* kc = system_.clearance();  // null: no cell clears
  const double shift = system_.shift();
  const double top_potential = system_.top_potential();
  const double* g_top = system_.top_conductance().data();
  const std::size_t top_row = system_.grid().index(0, 0, system_.grid().nz() - 1);
  attempt.guess_terms = core::deterministic_sums<4>(n, [=](std::size_t c) {
    double value = (-a.alpha1 * m0[c] - a.alpha2 * m1[c]) / dt;
    if (c >= top_row && top_potential != 0.0) value += g_top[c - top_row] * top_potential;
    b[c] = value;
    const double u = (l0 * m0[c] + l1 * m1[c] + l2 * m2[c]) / cap[c];
    guess[c] = u;
    const double column = shift * cap[c] + (kc ? kc[c] : 0.0);
    return std::array<double, 4>{value, column * std::abs(u), column * u,
                                 std::isfinite(u) ? 0.0 : 1.0};
  });
}

}  // namespace dermaflux::timestep
