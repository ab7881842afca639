// Observed orders of accuracy: BDF2 in time (on an exact discrete eigenmode, so
// the only error is the time error) and the finite-volume scheme in space (on
// Crank's transient membrane profile, uniform and graded grids refined by
// bisecting every cell). Asserts the order, not just that it ran.

#include <gtest/gtest.h>

#include <cmath>

#include "linear/CgStepSolver.hpp"
#include "linear/Multigrid.hpp"
#include "model/Problem.hpp"
#include "operator/DiffusionOperator.hpp"
#include "support/Crank.hpp"
#include "timestep/Bdf2Integrator.hpp"

namespace dermaflux {
namespace {

std::vector<double> uniform(int cells, double length, double start = 0.0) {
  std::vector<double> nodes;
  for (int n = 0; n <= cells; ++n) nodes.push_back(start + length * n / cells);
  return nodes;
}

model::Problem single_material(mesh::Grid grid, double D, double K) {
  model::Problem p;
  p.mesh.grid = std::move(grid);
  p.mesh.plane_material.assign(static_cast<std::size_t>(p.mesh.grid.nz()), 1);
  p.mesh.layer_count = 1;
  p.materials = {{D, 1.0, 0.0, 0.0}, {D, K, 0.0, 0.0}};
  return p;
}

// --- time -------------------------------------------------------------------

// Periodic in x, closed in z: cos(2 pi x / L) cos(pi z / H) sampled at cell
// centres is an exact eigenvector of the cell-centred operator, so the
// semi-discrete solution is known in closed form.
double bdf2_error(int steps) {
  const int nx = 16, nz = 8;
  const double L = 160e-6, H = 80e-6, D = 1e-10;
  model::Problem p =
      single_material(mesh::Grid(uniform(nx, L), uniform(1, 10e-6), uniform(nz, H, -H)), D, 1.0);
  p.sides = model::SideBoundary::Periodic;
  p.top = model::TopBoundary::NoFlux;
  p.bottom = model::BottomBoundary::NoFlux;
  const double dx = L / nx, dz = H / nz;
  const double lambda = D * (2.0 / (dx * dx) * (1.0 - std::cos(2.0 * M_PI * dx / L)) +
                             2.0 / (dz * dz) * (1.0 - std::cos(M_PI * dz / H)));
  linear::Vector mode(static_cast<Eigen::Index>(p.cell_count()));
  for (int k = 0; k < nz; ++k)
    for (int i = 0; i < nx; ++i)
      mode[static_cast<Eigen::Index>(p.mesh.grid.index(i, 0, k))] =
          std::cos(2.0 * M_PI * p.mesh.grid.x_centre(i) / L) *
          std::cos(M_PI * (p.mesh.grid.z_centre(k) + H) / H);

  op::DiffusionOperator system(p);
  linear::MultigridPreconditioner preconditioner(system);
  linear::CgSettings cg;
  cg.relative_tolerance = 1e-14;
  linear::CgStepSolver solver(system, preconditioner, cg);
  const double end = 1.0 / lambda;
  timestep::StepSettings settings;
  settings.fixed_step_s = end / steps;
  timestep::Bdf2Integrator integrator(system, solver, mode, settings);
  integrator.advance_to(end);
  return (integrator.solution() - mode * std::exp(-lambda * end)).lpNorm<Eigen::Infinity>();
}

TEST(Convergence, Bdf2IsSecondOrderInTime) {
  const double e1 = bdf2_error(16), e2 = bdf2_error(32), e3 = bdf2_error(64);
  const double order1 = std::log2(e1 / e2), order2 = std::log2(e2 / e3);
  EXPECT_NEAR(order1, 2.0, 0.15) << e1 << " " << e2;
  EXPECT_NEAR(order2, 2.0, 0.1) << e2 << " " << e3;
}

// --- space ------------------------------------------------------------------

const testing::CrankMembrane kMembrane{20e-6, 1e-13, 0.8, 30.0};

// Max-norm error of the potential against Crank's profile at half a lag time,
// with a time error far below the space error.
double membrane_error(const std::vector<double>& z_nodes) {
  model::Problem p = single_material(mesh::Grid(uniform(1, 10e-6), uniform(1, 10e-6), z_nodes),
                                     kMembrane.D, kMembrane.K);
  p.top = model::TopBoundary::FixedPotential;
  p.top_potential_kg_m3 = kMembrane.C0;
  p.bottom = model::BottomBoundary::Sink;
  op::DiffusionOperator system(p);
  linear::MultigridPreconditioner preconditioner(system);
  linear::CgSettings cg;
  cg.relative_tolerance = 1e-14;
  linear::CgStepSolver solver(system, preconditioner, cg);
  timestep::StepSettings settings;
  settings.tolerance = 1e-8;
  settings.initial_step_s = 1e-4;
  settings.reference_potential = kMembrane.C0;
  timestep::Bdf2Integrator integrator(
      system, solver, linear::Vector::Zero(static_cast<Eigen::Index>(p.cell_count())), settings);
  const double t = 0.5 * kMembrane.lag_time();
  integrator.advance_to(t);
  double worst = 0.0;
  for (int k = 0; k < p.mesh.grid.nz(); ++k) {
    const double depth = -p.mesh.grid.z_centre(k);
    worst = std::max(worst, std::abs(integrator.solution()[k] - kMembrane.potential(depth, t)));
  }
  return worst;
}

std::vector<double> bisect(const std::vector<double>& nodes) {
  std::vector<double> fine{nodes.front()};
  for (std::size_t n = 1; n < nodes.size(); ++n) {
    fine.push_back(0.5 * (nodes[n - 1] + nodes[n]));
    fine.push_back(nodes[n]);
  }
  return fine;
}

// Observed orders log2(e_h / e_h/2) over `levels` grids, each the previous one
// with every cell bisected.
std::vector<double> observed_orders(std::vector<double> nodes, int levels) {
  std::vector<double> orders;
  double previous = membrane_error(nodes);
  for (int level = 1; level < levels; ++level) {
    nodes = bisect(nodes);
    const double error = membrane_error(nodes);
    orders.push_back(std::log2(previous / error));
    previous = error;
  }
  return orders;
}

TEST(Convergence, FiniteVolumesAreSecondOrderInSpaceOnAUniformGrid) {
  const auto orders = observed_orders(uniform(10, kMembrane.h, -kMembrane.h), 3);
  for (double order : orders) EXPECT_NEAR(order, 2.0, 0.1);
}

TEST(Convergence, FiniteVolumesAreSecondOrderInSpaceOnAGradedGrid) {
  // Cells growing by 1.25 with depth, as the skin mesh grades them.
  std::vector<double> heights;
  double h = 1.0;
  for (int n = 0; n < 10; ++n, h *= 1.25) heights.push_back(h);
  double total = 0.0;
  for (double v : heights) total += v;
  std::vector<double> nodes{0.0};
  for (double v : heights) nodes.push_back(nodes.back() - v / total * kMembrane.h);
  std::reverse(nodes.begin(), nodes.end());
  nodes.front() = -kMembrane.h;
  // Non-uniform cell-centred volumes are second order only asymptotically
  // (supraconvergence): observed 1.43, 1.78, 1.90 from 10 to 80 cells.
  const auto orders = observed_orders(nodes, 4);
  EXPECT_LT(orders[0], orders[1]);
  EXPECT_LT(orders[1], orders[2]);
  EXPECT_NEAR(orders.back(), 2.0, 0.15);
}

}  // namespace
}  // namespace dermaflux
