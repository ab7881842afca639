#include "linear/ConjugateGradient.hpp"

#include <cmath>

#include "linear/VectorOps.hpp"

namespace dermaflux::linear {

SolveStats conjugate_gradient(const LinearOperator& A, const LinearOperator& preconditioner,
                              const Vector& b, Vector& x, const CgSettings& settings,
                              CgWorkspace* workspace) {
  SolveStats stats;
  const Eigen::Index n = b.size();
  CgWorkspace local;
  CgWorkspace& w = workspace ? *workspace : local;
  for (Vector* v : {&w.r, &w.z, &w.p, &w.q})
    if (v->size() != n) v->resize(n);
  Vector &r = w.r, &z = w.z, &p = w.p, &q = w.q;

  A.apply(x, q);
  copy(b, r);
  axpy(-1.0, q, r);
  stats.rhs_norm = norm(b);
  stats.initial_residual = norm(r);
  const double target = settings.relative_tolerance * stats.rhs_norm;
  double residual = stats.initial_residual;
  if (residual <= target || stats.rhs_norm == 0.0) {
    stats.final_residual = residual;
    stats.converged = true;
    return stats;
  }

  preconditioner.apply(r, z);
  copy(z, p);
  double rz = dot(r, z);
  double* px = x.data();
  double* pr = r.data();
  const double* pp = p.data();
  const double* pq = q.data();
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
    preconditioner.apply(r, z);
    const double rz_next = dot(r, z);
    xpby(z, rz_next / rz, p);
    rz = rz_next;
  }
  stats.final_residual = residual;
  if (!std::isfinite(residual)) stats.converged = false;
  return stats;
}

}  // namespace dermaflux::linear
