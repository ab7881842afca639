#pragma once
// The common ground of the needle-site generators (NeedleSites.hpp): the result type,
// the limits, a pattern's period, and placing a site in a periodic area (wrapped) or
// in a patch (kept only inside). Header-only, like NeedleSites.hpp.

#include <cmath>
#include <cstddef>
#include <numbers>
#include <utility>
#include <vector>

#include "meshes/sites/SitePattern.hpp"

namespace dermaflux::mesh {

// More needles than this in one area is a unit slip, and would exhaust memory long
// before a mesh could resolve them.
inline constexpr double kMaxNeedles = 1.0e6;
// A roller examines this many track positions at most (most fall outside the patch).
inline constexpr double kMaxRollerCandidates = 2.0e7;

enum class SitesProblem {
  None,
  TooMany,   // more than kMaxNeedles needles (or roller candidates)
  TooDense,  // random: min_spacing leaves no room for the needles asked for
};

struct SitesResult {
  std::vector<NeedleSite> sites;
  SitesProblem problem = SitesProblem::None;
  double wanted = 0.0;     // random: needles asked for (density x area, rounded)
  std::size_t placed = 0;  // random: needles placed before giving up
};

// One period of a regular pattern: square p x p, hex p x p sqrt(3).
inline std::pair<double, double> pattern_period(NeedlePattern pattern, double pitch_m) {
  if (pattern == NeedlePattern::Hex) return {pitch_m, std::sqrt(3.0) * pitch_m};
  return {pitch_m, pitch_m};
}

// round(density x area): the needle count of a random pattern, as a double so that an
// absurd density cannot overflow an integer before it is rejected.
inline double random_needle_count(const SitePattern& pattern, const SiteArea& area) {
  return std::round(pattern.density_per_m2 * area.width_m * area.length_m);
}

// The unit vector at `degrees` from +x towards +y; exact for multiples of 90 degrees, so
// that axis-aligned rollers and stamp paths land on exact coordinates.
inline std::pair<double, double> direction_vector(double degrees) {
  double turn = std::fmod(degrees, 360.0);
  if (turn < 0.0) turn += 360.0;
  if (turn == 0.0) return {1.0, 0.0};
  if (turn == 90.0) return {0.0, 1.0};
  if (turn == 180.0) return {-1.0, 0.0};
  if (turn == 270.0) return {0.0, -1.0};
  const double radians = degrees * (std::numbers::pi / 180.0);
  return {std::cos(radians), std::sin(radians)};
}

namespace sites_detail {

// `value` moved into [0, extent) by whole periods.
inline double wrap(double value, double extent) {
  double wrapped = value - extent * std::floor(value / extent);
  if (!(wrapped >= 0.0 && wrapped < extent)) wrapped = 0.0;  // rounding at the top edge
  return wrapped;
}

inline bool in_patch(double x, double y, const SiteArea& area) {
  return x >= 0.0 && x <= area.width_m && y >= 0.0 && y <= area.length_m;
}

// Adds `site` wrapped into a periodic area, or if it lies in a patch.
inline void place(std::vector<NeedleSite>& sites, NeedleSite site, const SiteArea& area) {
  if (area.periodic) {
    site.x_m = wrap(site.x_m, area.width_m);
    site.y_m = wrap(site.y_m, area.length_m);
    sites.push_back(site);
  } else if (in_patch(site.x_m, site.y_m, area)) {
    sites.push_back(site);
  }
}

inline NeedleSite at(double x_m, double y_m) {
  NeedleSite site;
  site.x_m = x_m;
  site.y_m = y_m;
  return site;
}

// A periodic area keeps centres on the lattice strictly below W; a patch takes [0, W].
inline bool below(double value, double extent, const SiteArea& area) {
  return area.periodic ? value < extent : value <= extent;
}

}  // namespace sites_detail

}  // namespace dermaflux::mesh
