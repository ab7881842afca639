#pragma once
// A rectilinear (tensor-product) grid: ascending node coordinates in x, y and z.
// z points up: the skin surface is the plane z = 0, skin below (z < 0), the
// vehicle film above (z > 0). Cells are numbered x fastest, then y, then z —
// the order VTK uses for cell data, so fields are written without reordering.

#include <cstddef>
#include <vector>

namespace dermaflux::mesh {

class Grid {
 public:
  Grid() = default;
  // Throws std::invalid_argument unless each axis has >= 2 strictly ascending nodes.
  Grid(std::vector<double> x_nodes_m, std::vector<double> y_nodes_m, std::vector<double> z_nodes_m);

  int nx() const { return static_cast<int>(x_nodes_m_.size()) - 1; }
  int ny() const { return static_cast<int>(y_nodes_m_.size()) - 1; }
  int nz() const { return static_cast<int>(z_nodes_m_.size()) - 1; }
  std::size_t cell_count() const {
    return static_cast<std::size_t>(nx()) * static_cast<std::size_t>(ny()) *
           static_cast<std::size_t>(nz());
  }
  std::size_t index(int i, int j, int k) const {
    return static_cast<std::size_t>(i) +
           static_cast<std::size_t>(nx()) *
               (static_cast<std::size_t>(j) +
                static_cast<std::size_t>(ny()) * static_cast<std::size_t>(k));
  }

  double dx(int i) const { return x_nodes_m_[i + 1] - x_nodes_m_[i]; }
  double dy(int j) const { return y_nodes_m_[j + 1] - y_nodes_m_[j]; }
  double dz(int k) const { return z_nodes_m_[k + 1] - z_nodes_m_[k]; }
  double x_centre(int i) const { return 0.5 * (x_nodes_m_[i] + x_nodes_m_[i + 1]); }
  double y_centre(int j) const { return 0.5 * (y_nodes_m_[j] + y_nodes_m_[j + 1]); }
  double z_centre(int k) const { return 0.5 * (z_nodes_m_[k] + z_nodes_m_[k + 1]); }
  double cell_volume(int i, int j, int k) const { return dx(i) * dy(j) * dz(k); }

  double width_m() const { return x_nodes_m_.back() - x_nodes_m_.front(); }
  double length_m() const { return y_nodes_m_.back() - y_nodes_m_.front(); }
  double lateral_area_m2() const { return width_m() * length_m(); }

  const std::vector<double>& x_nodes_m() const { return x_nodes_m_; }
  const std::vector<double>& y_nodes_m() const { return y_nodes_m_; }
  const std::vector<double>& z_nodes_m() const { return z_nodes_m_; }

 private:
  std::vector<double> x_nodes_m_, y_nodes_m_, z_nodes_m_;
};

}  // namespace dermaflux::mesh
