#include "ChannelRaster.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace dermaflux::mesh {
namespace {

// Radius (pyramid: half side) of the cross-section at height z in [-depth, 0]:
// linear from the surface radius to the bottom radius.
double radius_at(const Channel& c, double z) {
  const double t = std::clamp(-z / c.depth_m, 0.0, 1.0);
  return c.surface_radius_m + (c.bottom_radius_m - c.surface_radius_m) * t;
}

// Antiderivative of sqrt(r^2 - x^2): (x sqrt(r^2 - x^2) + r^2 asin(x / r)) / 2.
double half_chord_integral(double x, double r) {
  const double u = std::clamp(x / r, -1.0, 1.0);
  return 0.5 * r * r * (u * std::sqrt(1.0 - u * u) + std::asin(u));
}

// Area of the disc of radius r at the origin inside [x0, x1] x [y0, y1]: the
// integral over x of the length of [y0, y1] ∩ [-s(x), s(x)], s = sqrt(r^2 - x^2),
// split where s crosses |y0| or |y1| so each piece has a closed form.
double disc_rectangle_area(double r, double x0, double x1, double y0, double y1) {
  const double a = std::max(x0, -r), b = std::min(x1, r);
  if (!(b > a) || !(y1 > y0) || y1 <= -r || y0 >= r) return 0.0;
  std::array<double, 6> cuts{a, b, 0.0, 0.0, 0.0, 0.0};
  int count = 2;
  for (double y : {y0, y1}) {
    if (std::abs(y) < r) {
      const double x = std::sqrt(r * r - y * y);
      for (double c : {-x, x})
        if (c > a && c < b) cuts[static_cast<std::size_t>(count++)] = c;
    }
  }
  for (int n = 1; n < count; ++n)  // insertion sort of at most six values
    for (int m = n;
         m > 0 && cuts[static_cast<std::size_t>(m)] < cuts[static_cast<std::size_t>(m - 1)]; --m)
      std::swap(cuts[static_cast<std::size_t>(m)], cuts[static_cast<std::size_t>(m - 1)]);
  double area = 0.0;
  for (int n = 0; n + 1 < count; ++n) {
    const double lo = cuts[static_cast<std::size_t>(n)], hi = cuts[static_cast<std::size_t>(n + 1)];
    if (!(hi > lo)) continue;
    const double mid = 0.5 * (lo + hi);
    const double s = std::sqrt(std::max(0.0, r * r - mid * mid));
    const bool top_is_chord = s<y1, bottom_is_chord = -s> y0;
    if (std::min(y1, s) <= std::max(y0, -s)) continue;  // empty over this piece
    const double chord = half_chord_integral(hi, r) - half_chord_integral(lo, r);
    area += (top_is_chord ? chord : y1 * (hi - lo)) - (bottom_is_chord ? -chord : y0 * (hi - lo));
  }
  return area;
}

// 4-point Gauss-Legendre on [-1, 1]: exact for the polynomial (r(z)^2) areas of
// cells wholly inside a channel, and well below 0.1 % on the cells its wall cuts.
constexpr std::array<double, 4> kGaussNodes{-0.8611363115940526, -0.3399810435848563,
                                            0.3399810435848563, 0.8611363115940526};
constexpr std::array<double, 4> kGaussWeights{0.3478548451374538, 0.6521451548625461,
                                              0.6521451548625461, 0.3478548451374538};

// Volume of the channel inside the box, over the box's z-range within the channel.
double box_volume(const Channel& c, double x0, double x1, double y0, double y1, double z0,
                  double z1) {
  const double lo = std::max(z0, -c.depth_m), hi = std::min(z1, 0.0);
  if (!(hi > lo)) return 0.0;
  const double half = 0.5 * (hi - lo), mid = 0.5 * (hi + lo);
  double volume = 0.0;
  for (std::size_t q = 0; q < kGaussNodes.size(); ++q)
    volume += kGaussWeights[q] * cross_section_area(c, mid + half * kGaussNodes[q], x0, x1, y0, y1);
  return volume * half;
}

// Index range [first, last] of cells overlapping [lo, hi] along an axis.
std::pair<int, int> cells_overlapping(const std::vector<double>& nodes, double lo, double hi) {
  const auto first = std::upper_bound(nodes.begin(), nodes.end(), lo) - nodes.begin() - 1;
  const auto last = std::lower_bound(nodes.begin(), nodes.end(), hi) - nodes.begin() - 1;
  const int cells = static_cast<int>(nodes.size()) - 1;
  return {std::max(0, static_cast<int>(first)), std::min(cells - 1, static_cast<int>(last))};
}

}  // namespace

double cross_section_area(const Channel& c, double z, double x0, double x1, double y0, double y1) {
  if (z > 0.0 || z < -c.depth_m) return 0.0;
  const double r = radius_at(c, z);
  if (!(r > 0.0)) return 0.0;
  x0 -= c.x_m;
  x1 -= c.x_m;
  y0 -= c.y_m;
  y1 -= c.y_m;
  if (c.shape == ChannelShape::Pyramid) {
    const double wx = std::min(x1, r) - std::max(x0, -r), wy = std::min(y1, r) - std::max(y0, -r);
    return wx > 0.0 && wy > 0.0 ? wx * wy : 0.0;
  }
  return disc_rectangle_area(r, x0, x1, y0, y1);
}

std::vector<double> channel_fractions(const Grid& grid, const std::vector<Channel>& channels,
                                      bool periodic) {
  return channel_fractions(grid, channels, periodic, grid.width_m(), grid.length_m());
}

std::vector<double> channel_fractions(const Grid& grid, const std::vector<Channel>& channels,
                                      bool periodic, double width, double length) {
  std::vector<double> fraction(grid.cell_count(), 0.0);
  const auto& xs = grid.x_nodes_m();
  const auto& ys = grid.y_nodes_m();

  // A channel and, in a periodic domain, its images one period away that reach in.
  std::vector<Channel> images;
  for (const auto& c : channels) {
    const double reach = std::max(c.surface_radius_m, c.bottom_radius_m);
    for (int mx = periodic ? -1 : 0; mx <= (periodic ? 1 : 0); ++mx)
      for (int my = periodic ? -1 : 0; my <= (periodic ? 1 : 0); ++my) {
        Channel image = c;
        image.x_m += mx * width;
        image.y_m += my * length;
        if (image.x_m + reach > xs.front() && image.x_m - reach < xs.back() &&
            image.y_m + reach > ys.front() && image.y_m - reach < ys.back())
          images.push_back(image);
      }
  }

  // z-planes in parallel, channels in a fixed order within each: every cell sums
  // its contributions in the same order for any thread count.
#pragma omp parallel for schedule(dynamic)
  for (int k = 0; k < grid.nz(); ++k) {
    const double z0 = grid.z_nodes_m()[static_cast<std::size_t>(k)];
    const double z1 = grid.z_nodes_m()[static_cast<std::size_t>(k) + 1];
    if (z0 >= 0.0) continue;  // the vehicle film holds no channel
    for (const auto& c : images) {
      if (z1 <= -c.depth_m) continue;
      const double reach = std::max(c.surface_radius_m, c.bottom_radius_m);
      const auto [i0, i1] = cells_overlapping(xs, c.x_m - reach, c.x_m + reach);
      const auto [j0, j1] = cells_overlapping(ys, c.y_m - reach, c.y_m + reach);
      for (int j = j0; j <= j1; ++j)
        for (int i = i0; i <= i1; ++i) {
          const double v = box_volume(
              c, xs[static_cast<std::size_t>(i)], xs[static_cast<std::size_t>(i) + 1],
              ys[static_cast<std::size_t>(j)], ys[static_cast<std::size_t>(j) + 1], z0, z1);
          if (v > 0.0) fraction[grid.index(i, j, k)] += v / grid.cell_volume(i, j, k);
        }
    }
  }
  for (double& f : fraction) f = std::min(f, 1.0);
  return fraction;
}

}  // namespace dermaflux::mesh
