#pragma once
// Multicolour z-line Gauss-Seidel on one StencilLevel: every column's cells are
// solved together (a tridiagonal system in z, all z-couplings exact), with the
// lateral neighbours' current values on the right-hand side. Columns are coloured
// so that no two lateral neighbours share a colour — two colours (a checkerboard)
// normally, three when a periodic direction has an odd number of columns — and
// the columns of one colour are independent: parallel, and the same result for
// any thread count.

#include <vector>

#include "linear/LinearOperator.hpp"
#include "linear/StencilLevel.hpp"

namespace dermaflux::linear {

class LineSmoother {
 public:
  explicit LineSmoother(const StencilLevel& level);

  // Refactors the column systems of shift * capacity + A.
  void set_shift(double shift);
  double shift() const { return shift_; }

  // One sweep over the colours in order (forward) or in reverse (backward); a
  // forward sweep followed by a backward one is symmetric.
  void sweep(const double* b, double* x, bool forward) const;

  // The exact inverse when the level is a single column.
  void solve_single_column(const double* b, double* x) const;

  // y = (shift * capacity + A) x on this level.
  void apply(const double* x, double* y) const;

  int colours() const { return colours_; }

 private:
  void relax_colour(int colour, const double* b, double* x) const;

  const StencilLevel& level_;
  double shift_ = 0.0;
  int colours_ = 2;
  std::vector<double> diagonal_;       // shift * capacity + static diagonal
  std::vector<double> inverse_pivot_;  // Thomas factorisation of every column
  std::vector<int> column_colour_;     // per column i + nx j
  // The columns of each colour in each row as runs of every other i (i = first,
  // first + 2, ..., last): runs_[colour][j]. A checkerboard row holds one run; the
  // odd last column of a periodic three-colour level is a run of its own. Strided
  // runs let the compiler keep the loop tight (no index list to chase).
  struct Run {
    int first, last;
  };
  std::vector<std::vector<std::vector<Run>>> runs_;
};

}  // namespace dermaflux::linear
