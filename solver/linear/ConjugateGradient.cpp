#include "linear/ConjugateGradient.hpp"

#include <array>
#include <cmath>

#include "linear/VectorOps.hpp"

namespace dermaflux::linear {
namespace {

// z = M r, returning r . z. A preconditioner held in single precision returns z = 0
// for a residual below float's range (~1e-38): a finite dose that has drained into
// the receptor leaves such a field, and CG broke down on it at every step, so the
// step size collapsed (200 000 steps on a drained membrane). Then z = r: plain CG in
// double precision, for the rest of the solve (switching back and forth between
// preconditioners would cost CG its conjugacy), which such a field needs only for a
// few iterations.
double precondition(const LinearOperator& preconditioner, const Vector& r, Vector& z, bool& plain) {
  if (!plain) {
    preconditioner.apply(r, z);
    const double rz = dot(r, z);
    if (rz > 0.0 || !std::isfinite(rz)) return rz;
    plain = true;
  }
  copy(r, z);
  return dot(r, z);
}

}  // namespace

SolveStats conjugate_gradient(const LinearOperator& A, const LinearOperator& preconditioner,
                              const Vector& b, Vector& x, const CgSettings& settings,
                              CgWorkspace* workspace) {
  SolveStats stats;
  const Eigen::Index n = b.size();
  CgWorkspace local;
  CgWorkspace& w = workspace ? *workspace : local;
  for (Vector* v : {&w.r, &w.zq, &w.p})
    if (v->size() != n) v->resize(n);
  Vector &r = w.r, &z = w.zq, &p = w.p, &q = w.zq;

  A.apply(x, q);
  // r = b - A x with ||b||^2 and ||r||^2, in one pass over memory (bitwise what
  // copy, axpy and two norms give: b + (-1) q is b - q).
  const double* pb = b.data();
  double* pr = r.data();
  const double* pq = q.data();
  const auto squares = core::deterministic_sums<2>(static_cast<std::size_t>(n), [=](std::size_t i) {
    pr[i] = pb[i] - pq[i];
    return std::array<double, 2>{pb[i] * pb[i], pr[i] * pr[i]};
  });
  stats.rhs_norm = std::sqrt(squares[0]);
  stats.initial_residual = std::sqrt(squares[1]);
  // A guess farther from the solution than zero is dropped: reducing its residual to
  // tol * ||b|| could ask for more digits than double precision holds. (The time
  // stepper extrapolates its guess from earlier fields; once a dose has drained,
  // those are rounding noise far larger than the vanishing right-hand side.)
  if (stats.initial_residual > stats.rhs_norm) {
    x.setZero();
    copy(b, r);
    stats.initial_residual = stats.rhs_norm;
  }
  const double target = settings.relative_tolerance * stats.rhs_norm;
  double residual = stats.initial_residual;
  if (residual <= target || stats.rhs_norm == 0.0) {
    stats.final_residual = residual;
    stats.converged = true;
    return stats;
  }

  bool plain = false;  // preconditioner dropped (see precondition)
  double rz = precondition(preconditioner, r, z, plain);
  copy(z, p);
  double* px = x.data();
  const double* pp = p.data();
  for (int iteration = 1; iteration <= settings.max_iterations; ++iteration) {
    A.apply(p, q);
    const double pAp = dot(p, q);
    if (!(pAp > 0.0)) break;  // breakdown: operator not SPD or NaN in the data
    const double alpha = rz / pAp;
    // x += alpha p and r -= alpha q, with ||r||^2, in one pass over memory.
    const double rr = core::deterministic_sum(static_cast<std::size_t>(n), [=](std::size_t i) {
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
    const double rz_next = precondition(preconditioner, r, z, plain);
    xpby(z, rz_next / rz, p);
    rz = rz_next;
  }
  stats.final_residual = residual;
  if (!std::isfinite(residual)) stats.converged = false;
  return stats;
}

}  // namespace dermaflux::linear
