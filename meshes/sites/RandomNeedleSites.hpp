#pragma once
// The random needle pattern (NeedleSites.hpp): round(density x area) needles drawn
// uniformly one after another, each redrawn while closer than min_spacing to an
// earlier one. Header-only, like NeedleSites.hpp.

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <numbers>
#include <random>
#include <utility>
#include <vector>

#include "core/NumericCast.hpp"
#include "meshes/sites/NeedleSiteBasics.hpp"

namespace dermaflux::mesh {

// Random sequential adsorption of discs jams at a covered area fraction of 0.547
// (Feder 1980, J. Theor. Biol. 87:237; Hinrichsen, Feder & Jossang 1986, J. Stat. Phys.
// 44:793): placing discs at random one after another never covers more, however many
// draws are made (denser, ordered packings exist, but random placement does not find them).
inline constexpr double kRandomJammingCoverage = 0.547;
// Redraws of one needle, and in total per needle asked for, before giving up.
inline constexpr std::size_t kMaxRedrawsInARow = 10000;
inline constexpr std::size_t kMaxRedrawsPerNeedle = 100;

namespace sites_detail {

// A uniform double in [0, 1) from the top 53 bits of one draw. std::mt19937_64's output
// is fixed by the C++ standard, but std::uniform_real_distribution's algorithm is not,
// so this keeps "same seed, same holes" true across compilers and libraries.
inline double unit_draw(std::mt19937_64& engine) {
  return static_cast<double>(engine() >> 11) * 0x1.0p-53;
}

// Square bins at least min_spacing wide, so that a too-close neighbour is always in one
// of the 3 x 3 bins around a point; distances wrap across a periodic area's sides.
class SpacingGrid {
 public:
  SpacingGrid(const SiteArea& area, double spacing_m, double expected_count)
      : width_(area.width_m),
        length_(area.length_m),
        spacing_(spacing_m),
        periodic_(area.periodic) {
    // At most about one bin per needle: finer bins would only cost memory.
    const double most = std::max(1.0, std::ceil(std::sqrt(expected_count)));
    bins_x_ = core::saturating_cast<long>(std::clamp(std::floor(width_ / spacing_), 1.0, most));
    bins_y_ = core::saturating_cast<long>(std::clamp(std::floor(length_ / spacing_), 1.0, most));
    bins_.resize(static_cast<std::size_t>(bins_x_ * bins_y_));
  }

  bool fits(double x, double y) const {
    const std::array<long, 3> columns = neighbours(bin(x, width_, bins_x_), bins_x_);
    const std::array<long, 3> rows = neighbours(bin(y, length_, bins_y_), bins_y_);
    for (const long by : rows) {
      if (by < 0) continue;
      for (const long bx : columns) {
        if (bx < 0) continue;
        for (const std::size_t index : bins_[static_cast<std::size_t>(by * bins_x_ + bx)]) {
          if (closer(x, y, points_[index].first, points_[index].second)) return false;
        }
      }
    }
    return true;
  }

  void add(double x, double y) {
    const long bx = bin(x, width_, bins_x_);
    const long by = bin(y, length_, bins_y_);
    bins_[static_cast<std::size_t>(by * bins_x_ + bx)].push_back(points_.size());
    points_.emplace_back(x, y);
  }

 private:
  static long bin(double value, double extent, long count) {
    const long index = core::saturating_cast<long>(value / extent * static_cast<double>(count));
    return std::clamp(index, 0L, count - 1);
  }

  // The bins at index - 1, index, index + 1 (wrapped, or -1 past a patch's side),
  // each once: a periodic area of one or two bins would otherwise repeat them.
  std::array<long, 3> neighbours(long index, long count) const {
    std::array<long, 3> result{-1, -1, -1};
    for (int k = 0; k < 3; ++k) {
      long candidate = index + k - 1;
      if (periodic_) {
        candidate = (candidate + count) % count;
      } else if (candidate < 0 || candidate >= count) {
        continue;
      }
      if (std::find(result.begin(), result.end(), candidate) == result.end()) {
        result[static_cast<std::size_t>(k)] = candidate;
      }
    }
    return result;
  }

  bool closer(double x1, double y1, double x2, double y2) const {
    double dx = std::abs(x1 - x2);
    double dy = std::abs(y1 - y2);
    if (periodic_) {
      dx = std::min(dx, width_ - dx);
      dy = std::min(dy, length_ - dy);
    }
    return dx * dx + dy * dy < spacing_ * spacing_;
  }

  double width_, length_, spacing_;
  bool periodic_;
  long bins_x_ = 1, bins_y_ = 1;
  std::vector<std::vector<std::size_t>> bins_;
  std::vector<std::pair<double, double>> points_;
};

inline SitesResult random(const SitePattern& needles, const SiteArea& area) {
  SitesResult result;
  result.wanted = random_needle_count(needles, area);
  if (result.wanted > kMaxNeedles) {
    result.problem = SitesProblem::TooMany;
    return result;
  }
  const double spacing = needles.min_spacing_m;
  const double area_m2 = area.width_m * area.length_m;
  if (result.wanted * std::numbers::pi * spacing * spacing / 4.0 >
      kRandomJammingCoverage * area_m2) {
    result.problem = SitesProblem::TooDense;
    return result;
  }
  const auto wanted = core::saturating_cast<std::size_t>(result.wanted);
  std::mt19937_64 engine(needles.seed);
  SpacingGrid grid(area, spacing > 0.0 ? spacing : 1.0, result.wanted);
  std::size_t redraws_in_a_row = 0;
  std::size_t redraws = 0;
  const std::size_t redraw_budget = 1000 + kMaxRedrawsPerNeedle * wanted;
  while (result.sites.size() < wanted) {
    // x first, then y: part of the definition of the sequence.
    double x = unit_draw(engine) * area.width_m;
    double y = unit_draw(engine) * area.length_m;
    if (area.periodic) {
      x = wrap(x, area.width_m);
      y = wrap(y, area.length_m);
    }
    if (spacing <= 0.0 || grid.fits(x, y)) {
      if (spacing > 0.0) grid.add(x, y);
      result.sites.push_back(at(x, y));
      redraws_in_a_row = 0;
      continue;
    }
    ++redraws;
    if (++redraws_in_a_row > kMaxRedrawsInARow || redraws > redraw_budget) {
      result.placed = result.sites.size();
      result.sites.clear();
      result.problem = SitesProblem::TooDense;
      return result;
    }
  }
  result.placed = result.sites.size();
  return result;
}

}  // namespace sites_detail

}  // namespace dermaflux::mesh
