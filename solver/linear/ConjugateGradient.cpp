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
namespace {

void check_sizes(const LinearOperator& A, const LinearOperator& preconditioner, const Vector& b,
                 const Vector& x) {
  check_size(A, b.size(), "the operator");
  check_size(preconditioner, b.size(), "the preconditioner");
  if (x.size() != b.size()) throw std::invalid_argument("conjugate_gradient: x has the wrong size");
}

void size_workspace(CgWorkspace& w, std::initializer_list<Vector*> vectors, Eigen::Index n) {
  for (Vector* v : vectors)
    if (v->size() != n) v->resize(n);
  const std::size_t scratch = core::TeamSums::scratch_size(static_cast<std::size_t>(n), 3);
  if (w.scratch.size() != scratch) w.scratch.assign(scratch, 0.0);
}

// The solve with its residual in r and z = M r, q = A p sharing zq (see CgWorkspace).
// r = b - A x0 goes first into zq, which holds q = A x0 until then, and moves to r
// unless r is zq itself: the consuming solve's r, whose zq is b's room (b is not
// read again once r is made, or replaced it when the guess is dropped).
SolveStats solve(const LinearOperator& A, const LinearOperator& preconditioner, const Vector& b,
                 Vector& x, const CgSettings& settings, CgWorkspace& w, Vector& r, Vector& zq) {
  const Eigen::Index n = b.size();
  const auto count = static_cast<std::size_t>(n);
  Vector &z = zq, &p = w.p, &q = zq;
  Vector& first_q = w.zq;  // q = A x0: not b's room, which b still holds
  SolveStats result;

#pragma omp parallel if (count >= core::kParallelThreshold)
  {
    core::TeamSums sums(w.scratch);
    SolveStats stats;  // every thread's, the same; the first thread's is returned
    A.apply_in_team(x, first_q);
    // r = b - A x with ||b||^2, ||r||^2 and sum(b), in one pass over memory (bitwise
    // what copy, axpy and two norms give: b + (-1) q is b - q; r may be q's room).
    const double* pb = b.data();
    double* pr = r.data();
    const double* pq = first_q.data();
    const auto squares = sums.sums<3>(count, [=](std::size_t i) {
      const double bi = pb[i];
      pr[i] = bi - pq[i];
      return std::array<double, 3>{bi * bi, pr[i] * pr[i], bi};
    });
    stats.rhs_norm = std::sqrt(squares[0]);
    stats.initial_residual = std::sqrt(squares[1]);
    stats.rhs_sum = squares[2];
    // A guess farther from the solution than zero is dropped: reducing its residual
    // to tol * ||b|| could ask for more digits than double precision holds. (The
    // time stepper extrapolates its guess from earlier fields; once a dose has
    // drained, those are rounding noise far larger than the vanishing right-hand
    // side.)
    double* px = x.data();
    if (stats.initial_residual > stats.rhs_norm) {
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
    } else {
      bool plain = false;  // preconditioner dropped (see precondition)
      double rz = precondition(preconditioner, r, z, plain, sums);
      copy_in_team(z, p);
      const double* pp = p.data();
      const double* pq_iteration = q.data();
      for (int iteration = 1; iteration <= settings.max_iterations; ++iteration) {
        A.apply_in_team(p, q);
        const double pAp = dot_in_team(sums, p, q);
        if (!(pAp > 0.0)) break;  // breakdown: operator not SPD or NaN in the data
        const double alpha = rz / pAp;
        // x += alpha p and r -= alpha q, with ||r||^2, in one pass over memory.
        const double rr = sums.sum(count, [=](std::size_t i) {
          px[i] += alpha * pp[i];
          pr[i] -= alpha * pq_iteration[i];
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
    result = stats;
  }
  return result;
}

}  // namespace

SolveStats conjugate_gradient(const LinearOperator& A, const LinearOperator& preconditioner,
                              const Vector& b, Vector& x, const CgSettings& settings,
                              CgWorkspace* workspace) {
  check_sizes(A, preconditioner, b, x);
  CgWorkspace local;
  CgWorkspace& w = workspace ? *workspace : local;
  size_workspace(w, {&w.r, &w.zq, &w.p}, b.size());
  return solve(A, preconditioner, b, x, settings, w, w.r, w.zq);
}

SolveStats conjugate_gradient_consuming(const LinearOperator& A,
                                        const LinearOperator& preconditioner, Vector& b, Vector& x,
                                        const CgSettings& settings, CgWorkspace* workspace) {
  check_sizes(A, preconditioner, b, x);
  CgWorkspace local;
  CgWorkspace& w = workspace ? *workspace : local;
  size_workspace(w, {&w.zq, &w.p}, b.size());
  w.r = Vector();  // not needed: a solve of the other kind before made it
  SolveStats stats = solve(A, preconditioner, b, x, settings, w, w.zq, b);
  stats.rhs_consumed = true;
  return stats;
}

}  // namespace dermaflux::linear
