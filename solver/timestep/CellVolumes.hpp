#pragma once
// The volumes of a rectilinear grid's cells by flat index, worked out when asked
// from a plane of column areas and the planes' heights: the weights of the time
// stepper's error norm without an array of them (8 B a cell; benchmarks/
// RESULTS.md, "Memory"). Each is dx * dy * dz in that order, bitwise
// mesh::Grid::cell_volume.

#include <cstddef>
#include <vector>

#include "meshes/Grid.hpp"

namespace dermaflux::timestep {

class CellVolumes {
 public:
  explicit CellVolumes(const mesh::Grid& grid)
      : plane_(static_cast<std::size_t>(grid.nx()) * static_cast<std::size_t>(grid.ny())),
        cells_(grid.cell_count()) {
    column_area_m2_.reserve(plane_);
    for (int j = 0; j < grid.ny(); ++j)
      for (int i = 0; i < grid.nx(); ++i) column_area_m2_.push_back(grid.dx(i) * grid.dy(j));
    for (int k = 0; k < grid.nz(); ++k) height_m_.push_back(grid.dz(k));
  }

  std::size_t size() const { return cells_; }
  // Cell c = i + nx (j + ny k): column i + nx j of plane k.
  double operator[](std::size_t c) const {
    const std::size_t k = c / plane_;
    return column_area_m2_[c - k * plane_] * height_m_[k];
  }

 private:
  std::size_t plane_, cells_;
  std::vector<double> column_area_m2_;  // per column i + nx j
  std::vector<double> height_m_;        // per plane
};

}  // namespace dermaflux::timestep
