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
  // Cell c = i + nx (j + ny k): column i + nx j of plane k. The plane is found by
  // a multiplication and at most one correction, not an integer division (tens of
  // cycles a cell in the error norm's pass); exact for c < 2^52.
  double operator[](std::size_t c) const {
    auto k = static_cast<std::size_t>(static_cast<double>(c) * inverse_plane_);
    if (k * plane_ > c)
      --k;
    else if ((k + 1) * plane_ <= c)
      ++k;
    return column_area_m2_[c - k * plane_] * height_m_[k];
  }

 private:
  std::size_t plane_, cells_;
  double inverse_plane_ = 1.0 / static_cast<double>(plane_);
  std::vector<double> column_area_m2_;  // per column i + nx j
  std::vector<double> height_m_;        // per plane
};

}  // namespace dermaflux::timestep
