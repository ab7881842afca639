#pragma once
// The matrix-free 7-point operator of one implicit step,
//
//     S = shift * Capacity + A,
//
// where A u = sum over faces of T (u_cell - u_neighbour) + boundary and clearance
// terms. shift = alpha0 / dt changes with the step size; the stencil does not.
// Storage per cell: capacity, static diagonal, and the transmissibility of the
// face to the +x, +y, +z neighbour (0 across closed boundaries), and the full
// diagonal shift * capacity + A's (static) diagonal, worked out at each shift
// change instead of stored beside it — 5 doubles (6 with clearance).

#include <array>
#include <vector>

#include "core/StaggeredAllocator.hpp"
#include "linear/StencilOperator.hpp"
#include "model/Problem.hpp"

namespace dermaflux::op {

class DiffusionOperator final : public linear::StencilOperator {
 public:
  explicit DiffusionOperator(const model::Problem& problem);
  // Recomputes the stencil after the problem's coefficients changed (channel
  // closure); the grid and boundaries stay.
  void reassemble(const model::Problem& problem);

  std::size_t size() const override { return capacity_.size(); }
  const mesh::Grid& grid() const { return grid_; }

  // Sets the shift and precomputes the full diagonal shift * C + static diagonal,
  // so that apply() reads one array less (the static diagonal from the faces:
  // stencil::StencilView::static_diagonal_at).
  void set_shift(double shift);
  double shift() const { return shift_; }

  // Stencil data, read by preconditioners and tests.
  const core::StaggeredVector<double>& capacity() const { return capacity_; }
  double static_diagonal(int i, int j, int k) const;  // A's diagonal (tests)
  const core::StaggeredVector<double>& tx() const { return tx_; }
  const core::StaggeredVector<double>& ty() const { return ty_; }
  const core::StaggeredVector<double>& tz() const { return tz_; }
  // m^3/s per cell; null when no cell clears (every cell's clearance is 0).
  const double* clearance() const { return clearance_.empty() ? nullptr : clearance_.data(); }
  bool periodic() const { return periodic_; }  // the domain's sides (hypre's grid, multigrid)
  // The above as plain arrays, with the shift (for the multigrid and hypre).
  stencil::StencilView stencil() const override;

  // Boundary terms (per column i + nx j): the conductance to the fixed top
  // potential and to the bottom sink; zero where those boundaries are closed.
  const std::vector<double>& top_conductance() const { return top_conductance_; }
  const std::vector<double>& bottom_conductance() const { return bottom_conductance_; }
  double top_potential() const { return top_potential_; }
  // A film compartment's concentration (timestep/FilmStep.cpp), set every step;
  // reassemble() takes the problem's again.
  void set_top_potential(double potential_kg_m3) { top_potential_ = potential_kg_m3; }

  // Adds the boundary source (top conductance * top potential) to b.
  void add_boundary_source(linear::Vector& b) const;

  // sum_i (S u)_i without applying S: every interior face adds T to two diagonal
  // entries and -T to two off-diagonal ones, so S's column sums are
  // shift * capacity + clearance + boundary conductances (kg/s for u in kg/m^3,
  // shift in 1/s), all positive. With magnitudes = true, sum_i (S |u|)_i. The time
  // integrator uses both to keep each step conservative.
  double sum_of_apply(const linear::Vector& u, bool magnitudes = false) const;

  // Rates in kg/s for a field u: flux into the receptor through the bottom, flux
  // into the skin through a fixed-potential top, removal by clearance.
  double bottom_outflow(const linear::Vector& u) const;
  double top_inflow(const linear::Vector& u) const;
  double clearance_rate(const linear::Vector& u) const;

 private:
  void apply_impl(const linear::Vector& x, linear::Vector& y) const override;
  void rebuild_diagonal();  // shift * capacity + static diagonal
  void apply_in_team_impl(const linear::Vector& x, linear::Vector& y) const override;
  // The apply and CG's set-up sums in one pass (DiffusionResidual.cpp).
  std::array<double, 2> residual_in_team_impl(core::TeamSums& sums, const linear::Vector& b,
                                              const linear::Vector& x, linear::Vector& r,
                                              bool store_residual) const override;

  mesh::Grid grid_;
  bool periodic_ = true;
  bool wrap_x_ = true, wrap_y_ = true;  // periodic and not a block cut along that axis
  double shift_ = 0.0;
  // Staggered in their pages (core/StaggeredAllocator.hpp): apply() streams six.
  core::StaggeredVector<double> capacity_, tx_, ty_, tz_;
  core::StaggeredVector<double> diagonal_;  // shift * capacity + static diagonal
  core::StaggeredVector<double> clearance_;
  std::vector<double> top_conductance_, bottom_conductance_;
  double top_potential_ = 0.0;
};

}  // namespace dermaflux::op
