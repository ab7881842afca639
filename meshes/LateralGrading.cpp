#include "LateralGrading.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "Grading.hpp"
#include "core/NumericCast.hpp"

namespace dermaflux::mesh {
namespace {

struct Interval {
  double begin, end;
};

// Bands clipped to [0, extent] (periodic: the overhang wraps to the other end),
// sorted and merged.
std::vector<Interval> merged_bands(double extent, const std::vector<double>& centres,
                                   double half_width, bool periodic) {
  std::vector<Interval> bands;
  for (double c : centres) {
    const double begin = c - half_width, end = c + half_width;
    if (periodic && half_width * 2.0 >= extent) return {{0.0, extent}};
    for (double shift :
         periodic ? std::vector<double>{-extent, 0.0, extent} : std::vector<double>{0.0}) {
      const double b = std::max(0.0, begin + shift), e = std::min(extent, end + shift);
      if (e > b) bands.push_back({b, e});
    }
  }
  std::sort(bands.begin(), bands.end(),
            [](const Interval& a, const Interval& b) { return a.begin < b.begin; });
  std::vector<Interval> merged;
  for (const auto& band : bands) {
    if (!merged.empty() && band.begin <= merged.back().end)
      merged.back().end = std::max(merged.back().end, band.end);
    else
      merged.push_back(band);
  }
  return merged;
}

// Cell widths filling a gap of `width` next to fine cells: growing from `fine` at
// a refined side, symmetric when both sides are refined, capped at `coarse`.
std::vector<double> gap_widths(double width, double fine, double coarse, double growth,
                               bool left_refined, bool right_refined) {
  if (!left_refined && !right_refined) {
    const auto nodes = uniform_nodes(width, coarse);
    std::vector<double> widths;
    for (std::size_t n = 1; n < nodes.size(); ++n) widths.push_back(nodes[n] - nodes[n - 1]);
    return widths;
  }
  if (left_refined != right_refined) {
    auto widths = graded_heights(width, fine * growth, growth, coarse, 1);
    if (right_refined) std::reverse(widths.begin(), widths.end());
    return widths;
  }
  // Both sides refined: grade each half from its side; the halves mirror exactly.
  auto half = graded_heights(0.5 * width, fine * growth, growth, coarse, 1);
  std::vector<double> widths(half.begin(), half.end());
  widths.insert(widths.end(), half.rbegin(), half.rend());
  return widths;
}

void append_uniform(std::vector<double>& nodes, double begin, double end, double fine) {
  const int count = std::max(1, core::saturating_cast<int>(std::ceil((end - begin) / fine - 1e-9)));
  for (int n = 1; n <= count; ++n)
    nodes.push_back(n == count ? end : begin + (end - begin) * n / count);
}

void append_widths(std::vector<double>& nodes, double end, const std::vector<double>& widths) {
  const double begin = nodes.back();
  double x = begin;
  for (std::size_t n = 0; n + 1 < widths.size(); ++n) {
    x += widths[n];
    nodes.push_back(x);
  }
  nodes.push_back(end);
}

}  // namespace

std::vector<double> refined_nodes(double extent_m, double coarse_m, double fine_m,
                                  const std::vector<double>& centres_m, double half_width_m,
                                  double growth, bool periodic) {
  if (!(extent_m > 0.0) || !(coarse_m > 0.0) || !(fine_m > 0.0) || !(half_width_m >= 0.0) ||
      growth < 1.0)
    throw std::invalid_argument("refined_nodes: sizes must be positive and growth at least 1");
  fine_m = std::min(fine_m, coarse_m);
  const auto bands = merged_bands(extent_m, centres_m, half_width_m, periodic);
  if (bands.empty()) return uniform_nodes(extent_m, coarse_m);

  // Periodic: the gap that wraps around the ends is graded as one gap and cut at
  // the domain boundary, so the grading does not restart there.
  std::vector<double> nodes{0.0};
  const bool wrap_gap = periodic && bands.front().begin > 0.0 && bands.back().end < extent_m;
  std::vector<double> wrap_widths;
  std::size_t wrap_cut = 0;  // how many wrap-gap cells lie before x = extent
  if (wrap_gap) {
    const double before = extent_m - bands.back().end, after = bands.front().begin;
    wrap_widths = gap_widths(before + after, fine_m, coarse_m, growth, true, true);
    double x = 0.0;
    while (wrap_cut < wrap_widths.size() && x + wrap_widths[wrap_cut] <= before * (1.0 + 1e-12))
      x += wrap_widths[wrap_cut++];
    // From 0 to the first band: the wrap gap's cells after the cut; a cell the cut
    // splits becomes two.
    double cut_x = x - before;  // <= 0: where the first cell after the cut starts, relative to 0
    for (std::size_t n = wrap_cut; n < wrap_widths.size(); ++n) {
      cut_x += wrap_widths[n];
      if (cut_x > 1e-12 * extent_m && cut_x < after * (1.0 - 1e-12)) nodes.push_back(cut_x);
    }
  } else if (bands.front().begin > 0.0) {
    append_widths(nodes, bands.front().begin,
                  gap_widths(bands.front().begin, fine_m, coarse_m, growth, periodic, true));
  }
  if (wrap_gap) nodes.push_back(bands.front().begin);

  for (std::size_t b = 0; b < bands.size(); ++b) {
    append_uniform(nodes, bands[b].begin, bands[b].end, fine_m);
    if (b + 1 < bands.size())
      append_widths(
          nodes, bands[b + 1].begin,
          gap_widths(bands[b + 1].begin - bands[b].end, fine_m, coarse_m, growth, true, true));
  }
  if (wrap_gap) {
    double x = bands.back().end;
    for (std::size_t n = 0; n < wrap_cut; ++n) {
      x += wrap_widths[n];
      if (x < extent_m * (1.0 - 1e-12)) nodes.push_back(x);
    }
    nodes.push_back(extent_m);
  } else if (bands.back().end < extent_m) {
    append_widths(
        nodes, extent_m,
        gap_widths(extent_m - bands.back().end, fine_m, coarse_m, growth, true, periodic));
  }
  nodes.back() = extent_m;
  return nodes;
}

}  // namespace dermaflux::mesh
