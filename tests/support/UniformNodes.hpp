#pragma once
// Evenly spaced grid nodes for hand-built test meshes.

#include <vector>

namespace dermaflux::testing {

// cells + 1 nodes from start to start + length.
inline std::vector<double> uniform_nodes(int cells, double length, double start = 0.0) {
  std::vector<double> nodes;
  for (int n = 0; n <= cells; ++n) nodes.push_back(start + length * n / cells);
  return nodes;
}

}  // namespace dermaflux::testing
