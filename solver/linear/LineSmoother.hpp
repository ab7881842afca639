#pragma once
// Multicolour z-line Gauss-Seidel on one StencilLevel: every column's cells are
// solved together (a tridiagonal system in z, all z-couplings exact), with the
// lateral neighbours' current values on the right-hand side. Columns are coloured
// so that no two lateral neighbours share a colour — two colours (a checkerboard)
// normally, three when a periodic direction has an odd number of columns — and
// the columns of one colour are independent: parallel, and the same result for
// any thread count.
//
// In the level's split rows (even columns, then odd) every colour is a contiguous
// run of each row, so a colour pass reads and writes only that colour's cells plus
// the neighbouring values, in order: the pass is bound by memory bandwidth rather
// than by chasing every other cell.

#include <vector>

#include "linear/StencilLevel.hpp"

namespace dermaflux::linear {

template <typename Real>
class LineSmoother {
 public:
  explicit LineSmoother(const StencilLevel<Real>& level);

  // Refactors the column systems of shift * capacity + A (pivots computed in
  // double, stored as Real; a single-column level keeps them in double, since its
  // solve is the exact coarsest correction).
  void set_shift(double shift);
  double shift() const { return shift_; }

  // One sweep over the colours in order (forward) or in reverse (backward); a
  // forward sweep followed by a backward one is symmetric.
  void sweep(const Real* b, Real* x, bool forward) const;

  // The exact inverse when the level is a single column.
  void solve_single_column(const Real* b, Real* x) const;

  // r = b - (shift * capacity + A) x on this level.
  void residual(const Real* b, const Real* x, Real* r) const;

  int colours() const { return colours_; }

 private:
  // Positions p .. last of a row's split order (a contiguous run of one colour).
  struct Run {
    int first, last;
  };
  void relax_colour(int colour, const Real* b, Real* x) const;

  const StencilLevel<Real>& level_;
  double shift_ = 0.0;
  int colours_ = 2;
  std::vector<Real> inverse_pivot_;          // Thomas factorisation of every column
  std::vector<double> single_column_pivot_;  // the same in double, one-column levels
  // runs_[colour][j]: the runs of that colour in row j (one, or two where the odd
  // last column of a periodic three-colour level has its own colour).
  std::vector<std::vector<std::vector<Run>>> runs_;
  int single_column_colour_ = 0;
};

}  // namespace dermaflux::linear
