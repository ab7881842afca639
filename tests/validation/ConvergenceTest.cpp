// Observed orders of accuracy: BDF1, BDF2 and BDF3 in time (on an exact discrete
// eigenmode, so the only error is the time error) and the finite-volume scheme in space (on
// Crank's transient membrane profile, uniform and graded grids refined by
// bisecting every cell). Asserts the order, not just that it ran.

#include <gtest/gtest.h>

#include <cmath>
#include <iostream>

#include "linear/CgStepSolver.hpp"
#include "linear/Multigrid.hpp"
#include "model/Problem.hpp"
#include "operator/DiffusionOperator.hpp"
#include "support/Crank.hpp"
#include "support/UniformNodes.hpp"
#include "timestep/Bdf2Integrator.hpp"

namespace dermaflux {
namespace {

using testing::uniform_nodes;

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
// semi-discrete solution is known in closed form. Order 2 starts as every run
// does (one backward-Euler step); orders 1 and 3 start from the exact solution at
// the last levels (restore()), so that no start-up step of lower order hides
// their order. Max-norm error at t = 1 / lambda.
double bdf_error(int order, int steps) {
  const int nx = 16, nz = 8;
  const double L = 160e-6, H = 80e-6, D = 1e-10;
  model::Problem p = single_material(
      mesh::Grid(uniform_nodes(nx, L), uniform_nodes(1, 10e-6), uniform_nodes(nz, H, -H)), D, 1.0);
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
  if (order != 2) settings.max_order = timestep::kMaxVariableOrder;
  timestep::Bdf2Integrator integrator(system, solver, mode, settings);
  if (order != 2) {
    const Eigen::Map<const linear::Vector> capacity(system.capacity().data(), mode.size());
    timestep::IntegratorState exact;
    auto amounts_at = [&](double t) -> linear::Vector {
      return capacity.cwiseProduct(mode) * std::exp(-lambda * t);
    };
    exact.u = mode;
    for (int level = 0; level < 3; ++level) {
      exact.times[level] = -level * settings.fixed_step_s;
      exact.amounts[level] = amounts_at(exact.times[level]);
    }
    exact.oldest_time = -3.0 * settings.fixed_step_s;
    exact.oldest_amounts = amounts_at(exact.oldest_time);
    exact.steps_since_restart = 3;
    exact.order = order;
    integrator.restore(exact);
  }
  integrator.advance_to(end);
  return (integrator.solution() - mode * std::exp(-lambda * end)).lpNorm<Eigen::Infinity>();
}

TEST(Convergence, Bdf2IsSecondOrderInTime) {
  const double e1 = bdf_error(2, 16), e2 = bdf_error(2, 32), e3 = bdf_error(2, 64);
  const double order1 = std::log2(e1 / e2), order2 = std::log2(e2 / e3);
  EXPECT_NEAR(order1, 2.0, 0.15) << e1 << " " << e2;
  EXPECT_NEAR(order2, 2.0, 0.1) << e2 << " " << e3;
}

TEST(Convergence, Bdf1IsFirstOrderInTime) {
  const double e1 = bdf_error(1, 16), e2 = bdf_error(1, 32), e3 = bdf_error(1, 64);
  EXPECT_NEAR(std::log2(e1 / e2), 1.0, 0.1) << e1 << " " << e2;
  EXPECT_NEAR(std::log2(e2 / e3), 1.0, 0.05) << e2 << " " << e3;
}

TEST(Convergence, Bdf3IsThirdOrderInTime) {
  const double e1 = bdf_error(3, 16), e2 = bdf_error(3, 32), e3 = bdf_error(3, 64);
  EXPECT_NEAR(std::log2(e1 / e2), 3.0, 0.2) << e1 << " " << e2;
  EXPECT_NEAR(std::log2(e2 / e3), 3.0, 0.1) << e2 << " " << e3;
}

// --- space ------------------------------------------------------------------

const testing::CrankMembrane kMembrane{20e-6, 1e-13, 0.8, 30.0};

struct MembraneRun {
  linear::Vector potential;
  double receptor_kg = 0.0;
  timestep::IntegratorStats stats;
};

// Crank's membrane on `z_nodes` up to t_s, error-controlled at `tolerance`.
MembraneRun run_membrane(const std::vector<double>& z_nodes, double tolerance, int max_order,
                         double t_s) {
  model::Problem p =
      single_material(mesh::Grid(uniform_nodes(1, 10e-6), uniform_nodes(1, 10e-6), z_nodes),
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
  settings.tolerance = tolerance;
  settings.initial_step_s = 1e-4;
  settings.reference_potential = kMembrane.C0;
  settings.max_order = max_order;
  timestep::Bdf2Integrator integrator(
      system, solver, linear::Vector::Zero(static_cast<Eigen::Index>(p.cell_count())), settings);
  integrator.advance_to(t_s);
  return {integrator.solution(), integrator.cumulative().receptor_kg, integrator.stats()};
}

// Max-norm error of the potential against Crank's profile at half a lag time,
// with a time error far below the space error.
double membrane_error(const std::vector<double>& z_nodes) {
  const double t = 0.5 * kMembrane.lag_time();
  const MembraneRun run = run_membrane(z_nodes, 1e-8, 2, t);
  double worst = 0.0;
  for (std::size_t k = 0; k + 1 < z_nodes.size(); ++k) {
    const double depth = -0.5 * (z_nodes[k] + z_nodes[k + 1]);
    worst = std::max(worst, std::abs(run.potential[static_cast<Eigen::Index>(k)] -
                                     kMembrane.potential(depth, t)));
  }
  return worst;
}

// At the same time.tolerance variable order (1-3) takes fewer steps than BDF2 for
// an error no larger, measured against a run of far finer steps on the same grid
// (the field, and the amount through the membrane), over three lag times.
TEST(Convergence, VariableOrderTakesFewerStepsForNoLargerTimeError) {
  const std::vector<double> nodes = uniform_nodes(20, kMembrane.h, -kMembrane.h);
  const double t = 3.0 * kMembrane.lag_time();
  const MembraneRun reference = run_membrane(nodes, 1e-10, 2, t);
  const MembraneRun bdf2 = run_membrane(nodes, 1e-5, 2, t);
  const MembraneRun variable = run_membrane(nodes, 1e-5, 3, t);
  auto field_error = [&](const MembraneRun& run) {
    return (run.potential - reference.potential).lpNorm<Eigen::Infinity>() / kMembrane.C0;
  };
  auto amount_error = [&](const MembraneRun& run) {
    return std::abs(run.receptor_kg - reference.receptor_kg) / reference.receptor_kg;
  };
  EXPECT_LE(field_error(variable), field_error(bdf2));
  EXPECT_LE(amount_error(variable), amount_error(bdf2));
  EXPECT_LT(variable.stats.steps, bdf2.stats.steps);
  EXPECT_GT(variable.stats.steps_at_order[3], variable.stats.steps / 2);
  std::cout << "steps: BDF2 " << bdf2.stats.steps << ", variable order " << variable.stats.steps
            << " (at orders 1/2/3: " << variable.stats.steps_at_order[1] << "/"
            << variable.stats.steps_at_order[2] << "/" << variable.stats.steps_at_order[3]
            << "); field error " << field_error(bdf2) << " / " << field_error(variable)
            << ", amount error " << amount_error(bdf2) << " / " << amount_error(variable) << "\n";
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
  const auto orders = observed_orders(uniform_nodes(10, kMembrane.h, -kMembrane.h), 3);
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
