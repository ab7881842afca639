#include "analysis/DepthProfile.hpp"

#include <cmath>
#include <limits>
#include <tuple>
#include <utility>

namespace dermaflux::analysis {
namespace {

// Distance along one periodic or closed direction.
double separation(double a, double b, double extent, bool periodic) {
  const double d = std::abs(a - b);
  return periodic ? std::min(d, extent - d) : d;
}

}  // namespace

ProfileColumns profile_columns(const mesh::Grid& grid, const std::vector<mesh::Channel>& channels,
                               bool periodic) {
  ProfileColumns columns;
  if (channels.empty()) return columns;
  const double width = grid.x_nodes_m().back() - grid.x_nodes_m().front();
  const double length = grid.y_nodes_m().back() - grid.y_nodes_m().front();
  const double cx = grid.x_nodes_m().front() + 0.5 * width;
  const double cy = grid.y_nodes_m().front() + 0.5 * length;
  auto distance = [&](double x, double y, const mesh::Channel& ch) {
    return std::hypot(separation(x, ch.x_m, width, periodic),
                      separation(y, ch.y_m, length, periodic));
  };
  // The channel nearest the centre (first of equals), and the column holding its axis.
  const mesh::Channel* nearest = &channels.front();
  for (const auto& ch : channels)
    if (distance(cx, cy, ch) < distance(cx, cy, *nearest)) nearest = &ch;
  auto column_of = [&](double x, double y) {
    int i = 0, j = 0;
    while (i + 1 < grid.nx() && grid.x_nodes_m()[static_cast<std::size_t>(i) + 1] <= x) ++i;
    while (j + 1 < grid.ny() && grid.y_nodes_m()[static_cast<std::size_t>(j) + 1] <= y) ++j;
    return static_cast<std::size_t>(i) + static_cast<std::size_t>(grid.nx()) * j;
  };
  columns.channel_axis = column_of(nearest->x_m, nearest->y_m);
  // The column centre farthest from its nearest axis (first of equals).
  double farthest = -1.0;
  for (int j = 0; j < grid.ny(); ++j) {
    for (int i = 0; i < grid.nx(); ++i) {
      double closest = std::numeric_limits<double>::infinity();
      for (const auto& ch : channels)
        closest = std::min(closest, distance(grid.x_centre(i), grid.y_centre(j), ch));
      if (closest > farthest) {
        farthest = closest;
        columns.between_channels =
            static_cast<std::size_t>(i) + static_cast<std::size_t>(grid.nx()) * j;
      }
    }
  }
  return columns;
}

namespace {

// Sum of c V, and of V, over plane k.
std::pair<double, double> plane_amount(const model::Problem& problem, const linear::Vector& u,
                                       int k) {
  const mesh::Grid& g = problem.mesh.grid;
  double amount = 0.0, volume = 0.0;
  for (int j = 0; j < g.ny(); ++j) {
    for (int i = 0; i < g.nx(); ++i) {
      const std::size_t c = g.index(i, j, k);
      const double v = g.cell_volume(i, j, k);
      amount += model::concentration_factor(problem, c) * u[static_cast<Eigen::Index>(c)] * v;
      volume += v;
    }
  }
  return {amount, volume};
}

// The concentration in column i + nx j of plane k.
double column_value(const model::Problem& problem, const linear::Vector& u, std::size_t column,
                    int k) {
  const mesh::Grid& g = problem.mesh.grid;
  const std::size_t c = column + static_cast<std::size_t>(g.nx()) * g.ny() * k;
  return model::concentration_factor(problem, c) * u[static_cast<Eigen::Index>(c)];
}

}  // namespace

std::vector<ProfilePoint> depth_profile(const model::Problem& problem, const linear::Vector& u,
                                        const ProfileColumns& columns) {
  const mesh::Grid& g = problem.mesh.grid;
  std::vector<ProfilePoint> profile;
  for (int k = g.nz() - 1; k >= 0; --k) {  // ascending z: the surface is at the top
    const int material = problem.mesh.material_of_plane(k);
    if (material < 1) continue;  // vehicle film
    ProfilePoint point;
    point.depth_um = -g.z_centre(k) * 1e6;
    point.layer = material;
    const auto [amount, volume] = plane_amount(problem, u, k);
    point.mean_mg_ml = amount / volume;  // kg/m^3 == mg/mL
    if (columns.channel_axis)
      point.channel_axis_mg_ml = column_value(problem, u, *columns.channel_axis, k);
    if (columns.between_channels)
      point.between_channels_mg_ml = column_value(problem, u, *columns.between_channels, k);
    profile.push_back(point);
  }
  return profile;
}

std::vector<ProfilePoint> depth_profile(const model::Problem& block, const linear::Vector& u,
                                        const ProfileColumns& columns,
                                        const mesh::LayeredMesh& whole,
                                        const std::array<int, 3>& offset,
                                        const core::GlobalSum& sum) {
  const mesh::Grid& g = block.mesh.grid;
  const auto nx = static_cast<std::size_t>(whole.grid.nx());
  // A column of the whole grid as one of the block's, if the block holds it.
  auto local = [&](const std::optional<std::size_t>& column) -> std::optional<std::size_t> {
    if (!column) return std::nullopt;
    const int i = static_cast<int>(*column % nx) - offset[0];
    const int j = static_cast<int>(*column / nx) - offset[1];
    if (i < 0 || i >= g.nx() || j < 0 || j >= g.ny()) return std::nullopt;
    return static_cast<std::size_t>(i) + static_cast<std::size_t>(g.nx()) * j;
  };
  const auto axis = local(columns.channel_axis), between = local(columns.between_channels);
  // Four values per plane of the whole grid: the block's share of the amount and
  // volume, and the two columns' values where the block holds them; zero elsewhere.
  std::vector<double> values(4 * static_cast<std::size_t>(whole.grid.nz()), 0.0);
  for (int k = 0; k < g.nz(); ++k) {
    if (block.mesh.material_of_plane(k) < 1) continue;
    double* v = &values[4 * static_cast<std::size_t>(k + offset[2])];
    std::tie(v[0], v[1]) = plane_amount(block, u, k);
    if (axis) v[2] = column_value(block, u, *axis, k);
    if (between) v[3] = column_value(block, u, *between, k);
  }
  core::sum_over_ranks(sum, values);
  std::vector<ProfilePoint> profile;
  for (int k = whole.grid.nz() - 1; k >= 0; --k) {
    if (whole.material_of_plane(k) < 1) continue;
    const double* v = &values[4 * static_cast<std::size_t>(k)];
    ProfilePoint point;
    point.depth_um = -whole.grid.z_centre(k) * 1e6;
    point.layer = whole.material_of_plane(k);
    point.mean_mg_ml = v[0] / v[1];
    if (columns.channel_axis) point.channel_axis_mg_ml = v[2];
    if (columns.between_channels) point.between_channels_mg_ml = v[3];
    profile.push_back(point);
  }
  return profile;
}

}  // namespace dermaflux::analysis
