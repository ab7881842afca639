#pragma once
// A random layered problem on a random non-uniform grid, for comparing the
// matrix-free kernels with their references (OperatorTest, ParallelKernelsTest).

#include <cmath>
#include <random>
#include <vector>

#include "model/Problem.hpp"

namespace dermaflux::test {

inline std::vector<double> random_nodes(std::mt19937& rng, int cells, double spacing) {
  std::uniform_real_distribution<double> jitter(0.3, 1.7);
  std::vector<double> nodes{0.0};
  for (int n = 0; n < cells; ++n) nodes.push_back(nodes.back() + spacing * jitter(rng));
  return nodes;
}

// A random layered problem: per-plane materials with D, K spanning decades,
// per-cell clearance, random boundaries.
inline model::Problem random_problem(std::mt19937& rng, int nx, int ny, int nz,
                                     model::SideBoundary sides, model::TopBoundary top,
                                     model::BottomBoundary bottom) {
  model::Problem p;
  std::vector<double> z = random_nodes(rng, nz, 2e-6);
  for (double& v : z) v -= z.back();
  p.mesh.grid = mesh::Grid(random_nodes(rng, nx, 10e-6), random_nodes(rng, ny, 10e-6), z);
  std::uniform_real_distribution<double> decade(-2.0, 2.0);
  std::uniform_int_distribution<int> pick(0, 3);
  for (int m = 0; m < 4; ++m)
    p.materials.push_back({1e-10 * std::pow(10.0, decade(rng)), std::pow(10.0, 0.5 * decade(rng)),
                           m == 2 ? 0.5 : 0.0, m == 3 ? 1e-4 : 0.0});
  for (int k = 0; k < nz; ++k) p.mesh.plane_material.push_back(pick(rng));
  p.mesh.layer_count = 3;
  p.sides = sides;
  p.top = top;
  p.top_potential_kg_m3 = 30.0;
  p.bottom = bottom;
  return p;
}

}  // namespace dermaflux::test
