#include "linear/ConjugateGradient.hpp"

#include <cmath>

#include "linear/VectorOps.hpp"

namespace dermaflux::linear {

SolveStats conjugate_gradient(const LinearOperator& A, const LinearOperator& preconditioner,
                              const Vector& b, Vector& x, const CgSettings& settings) {
  SolveStats stats;
  const Eigen::Index n = b.size();
  Vector r(n), z(n), p(n), q(n);

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
  for (int iteration = 1; iteration <= settings.max_iterations; ++iteration) {
    A.apply(p, q);
    const double pq = dot(p, q);
    if (!(pq > 0.0)) break;  // breakdown: operator not SPD or NaN in the data
    const double alpha = rz / pq;
    axpy(alpha, p, x);
    axpy(-alpha, q, r);
    residual = norm(r);
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
