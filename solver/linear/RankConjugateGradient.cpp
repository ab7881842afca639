#include <array>
#include <cmath>

#include "linear/ConjugateGradient.hpp"
#include "linear/VectorOps.hpp"

// Conjugate gradients on a rank's block of a case split over ranks
// (linear/BlockCgSolver.hpp): the one-process solve's steps (ConjugateGradient.cpp,
// where the why of each is), each inner product summed over the ranks in rank order.
// Its vector passes open their own parallel regions (the one-process solve runs in
// one region per solve): a rank sum inside a team would need one thread to talk MPI
// while the others wait.

namespace dermaflux::linear {
namespace {

// z = M r, returning r . z over all ranks; plain CG once M r underflows
// (ConjugateGradient.cpp, precondition).
double precondition_over_ranks(const LinearOperator& preconditioner, const Vector& r, Vector& z,
                               bool& plain, const core::GlobalSum& sum) {
  if (!plain) {
    preconditioner.apply(r, z);
    const double rz = core::sum_over_ranks(sum, dot(r, z));
    if (rz > 0.0 || !std::isfinite(rz)) return rz;
    plain = true;
  }
  copy(r, z);
  return core::sum_over_ranks(sum, dot(r, z));
}

}  // namespace

SolveStats conjugate_gradient(const LinearOperator& A, const LinearOperator& preconditioner,
                              const Vector& b, Vector& x, const CgSettings& settings,
                              CgWorkspace* workspace, const core::GlobalSum& sum) {
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
  auto squares = core::deterministic_sums<2>(static_cast<std::size_t>(n), [=](std::size_t i) {
    pr[i] = pb[i] - pq[i];
    return std::array<double, 2>{pb[i] * pb[i], pr[i] * pr[i]};
  });
  core::sum_over_ranks(sum, squares);
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
  double rz = precondition_over_ranks(preconditioner, r, z, plain, sum);
  copy(z, p);
  double* px = x.data();
  const double* pp = p.data();
  for (int iteration = 1; iteration <= settings.max_iterations; ++iteration) {
    A.apply(p, q);
    const double pAp = core::sum_over_ranks(sum, dot(p, q));
    if (!(pAp > 0.0)) break;  // breakdown: operator not SPD or NaN in the data
    const double alpha = rz / pAp;
    // x += alpha p and r -= alpha q, with ||r||^2, in one pass over memory.
    const double rr_here = core::deterministic_sum(static_cast<std::size_t>(n), [=](std::size_t i) {
      px[i] += alpha * pp[i];
      pr[i] -= alpha * pq[i];
      return pr[i] * pr[i];
    });
    const double rr = core::sum_over_ranks(sum, rr_here);
    residual = std::sqrt(rr);
    stats.iterations = iteration;
    if (residual <= target) {
      stats.converged = true;
      break;
    }
    const double rz_next = precondition_over_ranks(preconditioner, r, z, plain, sum);
    xpby(z, rz_next / rz, p);
    rz = rz_next;
  }
  stats.final_residual = residual;
  if (!std::isfinite(residual)) stats.converged = false;
  return stats;
}

}  // namespace dermaflux::linear
