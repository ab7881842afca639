#pragma once
// One interface for everything that maps a vector to a vector: the matrix-free
// diffusion operator, the assembled reference, and preconditioners. Following
// Ginkgo's LinOp, the public apply() is non-virtual and checks sizes once; the
// backends implement apply_impl() and only compute.

#include <Eigen/Core>
#include <array>
#include <cstddef>
#include <stdexcept>

#include "core/Team.hpp"

namespace dermaflux::linear {

using Vector = Eigen::VectorXd;

class LinearOperator {
 public:
  virtual ~LinearOperator() = default;
  virtual std::size_t size() const = 0;

  // y = Op x
  void apply(const Vector& x, Vector& y) const {
    if (static_cast<std::size_t>(x.size()) != size())
      throw std::invalid_argument("LinearOperator::apply: x has the wrong size");
    if (static_cast<std::size_t>(y.size()) != size()) y.resize(static_cast<Eigen::Index>(size()));
    apply_impl(x, y);
  }

  // y = Op x, called by every thread of an enclosing parallel region (one region
  // for a whole CG solve, core/Team.hpp), x and y of size(): the caller checks.
  // Returns after a barrier, with all of y written.
  void apply_in_team(const Vector& x, Vector& y) const { apply_in_team_impl(x, y); }

  // r = b - Op x with the sums of b_i^2 and r_i^2, in team as apply_in_team, the
  // sums bitwise what core::deterministic_sums gives. With store_residual false, r
  // may be left unwritten (a caller that needs only the norms: CG's guess check).
  // An operator that can fuses the apply with the sums, one pass over memory.
  std::array<double, 2> residual_in_team(core::TeamSums& sums, const Vector& b, const Vector& x,
                                         Vector& r, bool store_residual) const {
    return residual_in_team_impl(sums, b, x, r, store_residual);
  }

 private:
  virtual void apply_impl(const Vector& x, Vector& y) const = 0;
  // An operator that does not share its work applies itself on one thread.
  virtual void apply_in_team_impl(const Vector& x, Vector& y) const {
#pragma omp single
    apply_impl(x, y);
  }
  // Apply into r, then r = b - r in place with the sums: two passes.
  virtual std::array<double, 2> residual_in_team_impl(core::TeamSums& sums, const Vector& b,
                                                      const Vector& x, Vector& r, bool) const {
    apply_in_team(x, r);
    const double* pb = b.data();
    double* pr = r.data();
    return sums.sums<2>(static_cast<std::size_t>(b.size()), [=](std::size_t i) {
      pr[i] = pb[i] - pr[i];
      return std::array<double, 2>{pb[i] * pb[i], pr[i] * pr[i]};
    });
  }
};

// A preconditioner is an operator approximating the inverse of a system matrix;
// update() is called whenever the matrix changed (a new time-step size).
class Preconditioner : public LinearOperator {
 public:
  virtual void update() = 0;
};

}  // namespace dermaflux::linear
