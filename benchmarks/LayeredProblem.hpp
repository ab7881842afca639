#pragma once
// The benchmarks' synthetic grid: a square patch 40 cells deep, 4 planes of
// stratum corneum (10^4 times less conductive) on 36 of tissue, about `cells` cells.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "model/Problem.hpp"

namespace dermaflux::bench {

inline model::Problem layered_problem(std::int64_t cells) {
  const int nz = 40;
  const int n = std::max(2, static_cast<int>(std::sqrt(static_cast<double>(cells) / nz)));
  auto nodes = [](int count, double h) {
    std::vector<double> v;
    for (int i = 0; i <= count; ++i) v.push_back(i * h);
    return v;
  };
  model::Problem p;
  std::vector<double> z = nodes(nz, 5e-6);
  for (double& v : z) v -= z.back();
  p.mesh.grid = mesh::Grid(nodes(n, 10e-6), nodes(n, 10e-6), z);
  p.materials = {{6e-10, 1.0, 0.0, 0.0}, {1e-14, 0.8, 0.0, 0.0}, {3e-11, 1.0, 0.0, 0.0}};
  for (int k = 0; k < nz; ++k) p.mesh.plane_material.push_back(k < 4 ? 1 : 2);
  p.mesh.layer_count = 2;
  return p;
}

}  // namespace dermaflux::bench
