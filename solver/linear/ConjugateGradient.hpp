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
  bool guess_kept = false;  // x is the guess as given: it met the tolerance by itself
};

struct CgSettings {
  double relative_tolerance = 1e-12;  // stop when ||r|| <= tol * ||b||
  int max_iterations = 5000;
};

// The work vectors of CG, kept between solves so that a time step does not
// allocate (and first-touch) them again, and the chunk sums of its reductions. The
// preconditioned residual z and the product q = A p share `zq`: q is dead once r is
// updated, before z = M r, and z once p is updated, before the next q (8 B a cell
// less; RESULTS.md, "Memory").
struct CgWorkspace {
  Vector r, zq, p;
  std::vector<double> scratch;  // core::TeamSums
  // Solves in a row whose guess met the tolerance; after two, the next one checks
  // its guess without writing r first (a time stepper past its time scale: most
  // steps). After one only, a guess met it every other step as often as not.
  int guesses_sufficed = 0;
};

// Solves A x = b from the initial guess in x. Never throws on non-convergence:
// the caller decides (stats.converged).
SolveStats conjugate_gradient(const LinearOperator& A, const LinearOperator& preconditioner,
                              const Vector& b, Vector& x, const CgSettings& settings,
                              CgWorkspace* workspace = nullptr);

// The same for a rank's block of a case split over ranks (linear/BlockCgSolver.hpp;
// RankConjugateGradient.cpp):
// `sum` adds the ranks' partial inner products in rank order.
SolveStats conjugate_gradient(const LinearOperator& A, const LinearOperator& preconditioner,
                              const Vector& b, Vector& x, const CgSettings& settings,
                              CgWorkspace* workspace, const core::GlobalSum& sum);

}  // namespace dermaflux::linear
