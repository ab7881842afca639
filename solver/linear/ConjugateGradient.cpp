#include "linear/ConjugateGradient.hpp"

#include <array>
#include <cmath>
#include <stdexcept>
#include <vector>

#include "core/Team.hpp"
#include "linear/VectorOps.hpp"

namespace dermaflux::linear {
namespace {

// z = M r, returning r . z. A preconditioner held in single precision returns z = 0
// for a residual below float's range (~1e-38): a finite dose that has drained into
// the receptor leaves such a field, and CG broke down on it at every step, so the
// step size collapsed (200 000 steps on a drained membrane). Then z = r: plain CG in
// double precision, for the rest of the solve (switching back and forth between
// preconditioners would cost CG its conjugacy), which such a field needs only for a
// few iterations. By every thread of the solve's region; each gets the same rz.
double precondition(const LinearOperator& preconditioner, const Vector& r, Vector& z, bool& plain,
                    core::TeamSums& sums) {
  if (!plain) {
    preconditioner.apply_in_team(r, z);
    const double rz = dot_in_team(sums, r, z);
    if (rz > 0.0 || !std::isfinite(rz)) return rz;
    plain = true;
  }
  copy_in_team(r, z);
  return dot_in_team(sums, r, z);
}

void check_size(const LinearOperator& op, Eigen::Index n, const char* what) {
  if (op.size() != static_cast<std::size_t>(n))
    throw std::invalid_argument(std::string("conjugate_gradient: ") + what +
                                " is not of the right-hand side's size");
}

}  // namespace

// The whole solve is one parallel region (core/Team.hpp): every kernel shares its
// loop among the threads, a barrier after each where the next reads what another
// thread wrote, and every thread takes the same decisions from the same sums (each
// gets bitwise what core::deterministic_sums gives, for any thread count). A CG
// iteration opened 7 regions, and 4 more per multigrid level above
// kParallelThreshold; now it opens none.
SolveStats conjugate_gradient(const LinearOperator& A, const LinearOperator& preconditioner,
                              const Vector& b, Vector& x, const CgSettings& settings,
                              CgWorkspace* workspace) {
  const Eigen::Index n = b.size();
  check_size(A, n, "the operator");
  check_size(preconditioner, n, "the preconditioner");
  if (x.size() != n) throw std::invalid_argument("conjugate_gradient: x has the wrong size");
  CgWorkspace local;
  CgWorkspace& w = workspace ? *workspace : local;
  for (Vector* v : {&w.r, &w.zq, &w.p})
    if (v->size() != n) v->resize(n);
  const auto count = static_cast<std::size_t>(n);
  if (w.scratch.size() != core::TeamSums::scratch_size(count, 2))
    w.scratch.assign(core::TeamSums::scratch_size(count, 2), 0.0);
  Vector &r = w.r, &z = w.zq, &p = w.p, &q = w.zq;
  SolveStats result;
  // After solves whose guess met the tolerance, this guess is checked first without
  // writing r (likely it meets it as well: a time stepper past its time scale), and r
  // is written, in a second pass, only if it does not.
  const bool store_residual = w.guesses_sufficed < 2;
  bool guess_sufficed = false;

#pragma omp parallel if (count >= core::kParallelThreshold)
  {
    core::TeamSums sums(w.scratch);
    SolveStats stats;  // every thread's, the same; the first thread's is returned
    // r = b - A x with ||b||^2 and ||r||^2, in one pass over memory (bitwise what
    // an apply, copy, axpy and two norms give).
    const auto squares = A.residual_in_team(sums, b, x, r, store_residual);
    stats.rhs_norm = std::sqrt(squares[0]);
    stats.initial_residual = std::sqrt(squares[1]);
    // A guess farther from the solution than zero is dropped: reducing its residual
    // to tol * ||b|| could ask for more digits than double precision holds. (The
    // time stepper extrapolates its guess from earlier fields; once a dose has
    // drained, those are rounding noise far larger than the vanishing right-hand
    // side.)
    double* px = x.data();
    double* pr = r.data();
    const double* pq = q.data();
    const bool guess_dropped = stats.initial_residual > stats.rhs_norm;
    if (guess_dropped) {
#pragma omp for schedule(static)
      for (Eigen::Index i = 0; i < n; ++i) px[i] = 0.0;
      copy_in_team(b, r);
      stats.initial_residual = stats.rhs_norm;
    }
    const double target = settings.relative_tolerance * stats.rhs_norm;
    double residual = stats.initial_residual;
    const bool solved_by_guess = residual <= target || stats.rhs_norm == 0.0;
    if (solved_by_guess) {
      stats.converged = true;
      stats.guess_kept = !guess_dropped;
    } else {
      if (!store_residual && !guess_dropped) A.residual_in_team(sums, b, x, r, true);
      bool plain = false;  // preconditioner dropped (see precondition)
      double rz = precondition(preconditioner, r, z, plain, sums);
      copy_in_team(z, p);
      const double* pp = p.data();
      for (int iteration = 1; iteration <= settings.max_iterations; ++iteration) {
        A.apply_in_team(p, q);
        const double pAp = dot_in_team(sums, p, q);
        if (!(pAp > 0.0)) break;  // breakdown: operator not SPD or NaN in the data
        const double alpha = rz / pAp;
        // x += alpha p and r -= alpha q, with ||r||^2, in one pass over memory.
        const double rr = sums.sum(count, [=](std::size_t i) {
          px[i] += alpha * pp[i];
          pr[i] -= alpha * pq[i];
          return pr[i] * pr[i];
        });
        residual = std::sqrt(rr);
        stats.iterations = iteration;
        if (residual <= target) {
          stats.converged = true;
          break;
        }
        const double rz_next = precondition(preconditioner, r, z, plain, sums);
        xpby_in_team(z, rz_next / rz, p);
        rz = rz_next;
      }
    }
    stats.final_residual = residual;
    if (!solved_by_guess && !std::isfinite(residual)) stats.converged = false;
#pragma omp master
    {
      result = stats;
      guess_sufficed = solved_by_guess;
    }
  }
  w.guesses_sufficed = guess_sufficed ? w.guesses_sufficed + 1 : 0;
  return result;
}

}  // namespace dermaflux::linear
