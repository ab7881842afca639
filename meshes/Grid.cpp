#include "Grid.hpp"

#include <stdexcept>
#include <string>

namespace dermaflux::mesh {
namespace {

void require_ascending(const std::vector<double>& nodes, const char* axis) {
  if (nodes.size() < 2)
    throw std::invalid_argument(std::string(axis) + " axis needs at least 2 nodes");
  for (std::size_t n = 1; n < nodes.size(); ++n) {
    if (!(nodes[n] > nodes[n - 1]))
      throw std::invalid_argument(std::string(axis) + " nodes must be strictly ascending");
  }
}

}  // namespace

Grid::Grid(std::vector<double> x_nodes_m, std::vector<double> y_nodes_m,
           std::vector<double> z_nodes_m)
    : x_nodes_m_(std::move(x_nodes_m)),
      y_nodes_m_(std::move(y_nodes_m)),
      z_nodes_m_(std::move(z_nodes_m)) {
  require_ascending(x_nodes_m_, "x");
  require_ascending(y_nodes_m_, "y");
  require_ascending(z_nodes_m_, "z");
}

}  // namespace dermaflux::mesh
