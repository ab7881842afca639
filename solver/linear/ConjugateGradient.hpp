#pragma once
// Preconditioned conjugate gradients for the symmetric positive definite systems
// of each implicit time step.

#include <vector>

#include "core/GlobalSum.hpp"
#include "linear/LinearOperator.hpp"

namespace dermaflux::linear {

struct SolveStats {
  int iterations = 0;
  double initial_residual = 0.0;  // ||b - A x0||
  double final_residual = 0.0;    // ||b - A x||
  double rhs_norm = 0.0;          // ||b||
  bool converged = false;
  // sum(b), bitwise core::deterministic_sum's (0 from a solver that does not tell),
  // and whether the solve used b's room for its work (conjugate_gradient_consuming).
  double rhs_sum = 0.0;
  bool rhs_consumed = false;
};

struct CgSettings {
  double relative_tolerance = 1e-12;  // stop when ||r|| <= tol * ||b||
  int max_iterations = 5000;
};

// The work vectors of CG, kept between solves so that a time step does not
// allocate (and first-touch) them again, and the chunk sums of its reductions. The
// preconditioned residual z and the product q = A p share `zq`: q is dead once r is
// updated, before z = M r, and z once p is updated, before the next q (8 B a cell
// less; RESULTS.md, "Memory"); the consuming solve keeps its residual in zq and
// needs no r.
struct CgWorkspace {
  Vector r, zq, p;
  std::vector<double> scratch;  // core::TeamSums
};

// Solves A x = b from the initial guess in x. Never throws on non-convergence:
// the caller decides (stats.converged).
SolveStats conjugate_gradient(const LinearOperator& A, const LinearOperator& preconditioner,
                              const Vector& b, Vector& x, const CgSettings& settings,
                              CgWorkspace* workspace = nullptr);

// The same bits, with b's room as the work vector z = M r, q = A p (b is not read
// again once the residual is made): 8 B a cell less at the run's peak
// (RESULTS.md, "Memory"); b holds no right-hand side afterwards.
SolveStats conjugate_gradient_consuming(const LinearOperator& A,
                                        const LinearOperator& preconditioner, Vector& b, Vector& x,
                                        const CgSettings& settings,
                                        CgWorkspace* workspace = nullptr);

// The same for a rank's block of a case split over ranks (linear/BlockCgSolver.hpp;
// RankConjugateGradient.cpp):
// `sum` adds the ranks' partial inner products in rank order.
SolveStats conjugate_gradient(const LinearOperator& A, const LinearOperator& preconditioner,
                              const Vector& b, Vector& x, const CgSettings& settings,
                              CgWorkspace* workspace, const core::GlobalSum& sum);

}  // namespace dermaflux::linear
