#include "Grading.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include "core/NumericCast.hpp"

namespace dermaflux::mesh {
namespace {

constexpr int kMaxCells = 1000000;

// Sum of min(first * growth^m, max) for m in [0, count).
double capped_geometric_sum(double first, double growth, double max_height, int count) {
  double sum = 0.0;
  double height = first;
  for (int m = 0; m < count; ++m) {
    sum += std::min(height, max_height);
    height *= growth;
  }
  return sum;
}

}  // namespace

std::vector<double> uniform_nodes(double extent_m, double spacing_m) {
  if (!(extent_m > 0.0) || !(spacing_m > 0.0))
    throw std::invalid_argument("uniform_nodes: extent and spacing must be positive");
  // The small allowance keeps 500 um / 10 um at 50 cells despite rounding.
  const int count = std::max(1, core::saturating_cast<int>(std::ceil(extent_m / spacing_m - 1e-9)));
  std::vector<double> nodes(static_cast<std::size_t>(count) + 1);
  for (int n = 0; n <= count; ++n) nodes[n] = extent_m * n / count;
  return nodes;
}

std::vector<double> graded_heights(double thickness_m, double first_m, double growth, double max_m,
                                   int min_cells) {
  if (!(thickness_m > 0.0) || !(first_m > 0.0) || !(max_m > 0.0) || growth < 1.0 || min_cells < 1)
    throw std::invalid_argument("graded_heights: invalid arguments");
  first_m = std::min({first_m, max_m, thickness_m / min_cells});

  // Fewest cells whose capped geometric sum from `first_m` reaches the thickness.
  // The sum only grows with the count (positive terms added in order), so a
  // doubling then a bisection finds the same count as counting up one by one, in
  // O(n log n) rather than O(n^2) (a 1 nm spacing: 10^5 cells a layer, minutes).
  const auto reaches = [&](int count) {
    return capped_geometric_sum(first_m, growth, max_m, count) >= thickness_m;
  };
  int short_count = min_cells - 1;  // the largest count known too short (or min_cells - 1)
  int count = min_cells;
  while (!reaches(count)) {
    if (count >= kMaxCells)
      throw std::invalid_argument(
          "a layer would need more than 10^6 cell layers (raise mesh.max_vertical_spacing or "
          "lower mesh.min_cells_per_layer)");
    short_count = count;
    count = std::min(kMaxCells, 2 * count);
  }
  while (count - short_count > 1) {
    const int middle = short_count + (count - short_count) / 2;
    if (reaches(middle))
      count = middle;
    else
      short_count = middle;
  }

  // The sum grows monotonically with the first height; bisect for an exact fit
  // (first_m itself overshoots or fits, a first height of 0 gives 0).
  double low = 0.0, high = first_m;
  for (int iteration = 0; iteration < 200; ++iteration) {
    const double mid = 0.5 * (low + high);
    if (capped_geometric_sum(mid, growth, max_m, count) < thickness_m)
      low = mid;
    else
      high = mid;
  }
  std::vector<double> heights(static_cast<std::size_t>(count));
  double height = high;
  for (int m = 0; m < count; ++m) {
    heights[m] = std::min(height, max_m);
    height *= growth;
  }
  // Put the last rounding residue into the largest cell so the sum is exact to
  // the last bit of the thickness (interfaces must be grid planes).
  double sum = 0.0;
  for (double h : heights) sum += h;
  heights.back() += thickness_m - sum;
  return heights;
}

}  // namespace dermaflux::mesh
