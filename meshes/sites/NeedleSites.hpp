#pragma once
// Where the needles of a pattern go: the (x, y) of every hole a pattern leaves in the
// area, in a fixed order, with a list's per-needle overrides. The case reader runs it to
// check a pattern against its domain (a random density that min_spacing cannot fit, a
// roller that misses the patch) and meshes/NeedleLayout runs it to build the channels.
// Header-only on plain values (SitePattern.hpp) and core: it lies beneath the reader,
// which is built on its own for the fuzzer, and beneath the rest of meshes.
//
// Positions, with W x L the area and p the pitch:
//   square  ((i + 1/2) p, (j + 1/2) p)
//   hex     ((i + 1/4 + (j mod 2)/2) p, (j + 1/2) h), rows h = p sqrt(3)/2 apart, so one
//           period is p x p sqrt(3) and holds 2 needles, each p from its 6 neighbours
//   random  uniform in [0, W) x [0, L), drawn one after another and redrawn while closer
//           than min_spacing to an earlier one (across the sides of a periodic area)
//   list    as listed
//   roller  per pass and ring, holes k pi d / n along a track through the area centre
//           (k = ..., -1, 0, 1, ...), tracks ring_spacing apart across the rolling
//           direction, centred on the area centre plus the pass offset
//   stamp   every cartridge needle at start + s step (s = 0 .. stamps - 1) along the path
// Periodic areas wrap positions into [0, W) x [0, L), except the roller, whose holes
// are its tracks' crossings of the area; patches (no-flux domains) keep positions inside
// [0, W] x [0, L] and drop the others (clip).

#include <cmath>
#include <cstddef>
#include <vector>

#include "core/NumericCast.hpp"
#include "meshes/sites/NeedleSiteBasics.hpp"
#include "meshes/sites/RandomNeedleSites.hpp"
#include "meshes/sites/SitePattern.hpp"

namespace dermaflux::mesh {
namespace sites_detail {

inline SitesResult lattice(const SitePattern& needles, const SiteArea& area) {
  SitesResult result;
  const double pitch = needles.pitch_m;
  const bool hex = needles.pattern == NeedlePattern::Hex;
  const double row = hex ? pattern_period(NeedlePattern::Hex, pitch).second / 2.0 : pitch;
  if ((area.width_m / pitch + 1.0) * (area.length_m / row + 1.0) > kMaxNeedles) {
    result.problem = SitesProblem::TooMany;
    return result;
  }
  for (long j = 0; below((static_cast<double>(j) + 0.5) * row, area.length_m, area); ++j) {
    const double shift = hex ? (j % 2 == 0 ? 0.25 : 0.75) : 0.5;
    for (long i = 0; below((static_cast<double>(i) + shift) * pitch, area.width_m, area); ++i) {
      result.sites.push_back(
          at((static_cast<double>(i) + shift) * pitch, (static_cast<double>(j) + 0.5) * row));
    }
  }
  return result;
}

inline SitesResult roller(const SitePattern& needles, const SiteArea& area) {
  SitesResult result;
  const RollerSpec& spec = needles.roller;
  const double hole_spacing = std::numbers::pi * spec.drum_diameter_m / spec.needles_per_ring;
  const double reach = std::hypot(area.width_m, area.length_m) / 2.0;
  const double steps = std::ceil(reach / hole_spacing);
  if (static_cast<double>(spec.passes.size()) * spec.rings * (2.0 * steps + 1.0) >
      kMaxRollerCandidates) {
    result.problem = SitesProblem::TooMany;
    return result;
  }
  const long k_max = core::saturating_cast<long>(steps);
  const double centre_x = area.width_m / 2.0;
  const double centre_y = area.length_m / 2.0;
  for (const RollerPass& pass : spec.passes) {
    const auto [along_x, along_y] = direction_vector(pass.direction_deg);
    const double across_x = -along_y;
    const double across_y = along_x;
    for (int ring = 0; ring < spec.rings; ++ring) {
      const double across = (ring - (spec.rings - 1) / 2.0) * spec.ring_spacing_m + pass.offset_m;
      if (std::abs(across) > reach) continue;  // this track misses the area
      for (long k = -k_max; k <= k_max; ++k) {
        const double along = static_cast<double>(k) * hole_spacing;
        const double x = centre_x + across * across_x + along * along_x;
        const double y = centre_y + across * across_y + along * along_y;
        const bool inside =
            x >= 0.0 && below(x, area.width_m, area) && y >= 0.0 && below(y, area.length_m, area);
        if (inside) result.sites.push_back(at(x, y));
      }
    }
  }
  if (static_cast<double>(result.sites.size()) > kMaxNeedles) {
    result.sites.clear();
    result.problem = SitesProblem::TooMany;
  }
  return result;
}

inline SitesResult stamp(const SitePattern& needles, const SiteArea& area) {
  SitesResult result;
  const StampSpec& spec = needles.stamp;
  if (static_cast<double>(spec.stamps) * static_cast<double>(spec.cartridge.size()) > kMaxNeedles) {
    result.problem = SitesProblem::TooMany;
    return result;
  }
  const auto [along_x, along_y] = direction_vector(spec.direction_deg);
  for (int s = 0; s < spec.stamps; ++s) {
    const double centre_x = spec.start_x_m + s * spec.step_m * along_x;
    const double centre_y = spec.start_y_m + s * spec.step_m * along_y;
    for (const NeedleSite& needle : spec.cartridge) {
      NeedleSite site = needle;
      site.x_m += centre_x;
      site.y_m += centre_y;
      place(result.sites, site, area);
    }
  }
  return result;
}

}  // namespace sites_detail

// Every needle position of `needles` in `area`, in a fixed order (square and hex row
// by row from y = 0, each row from x = 0; random in drawing order; list in file order;
// roller pass by pass, ring by ring, along the track; stamp stamp by stamp, in
// cartridge order). A problem leaves `sites` empty.
inline SitesResult needle_sites(const SitePattern& needles, const SiteArea& area) {
  switch (needles.pattern) {
    case NeedlePattern::Square:
    case NeedlePattern::Hex:
      return sites_detail::lattice(needles, area);
    case NeedlePattern::Random:
      return sites_detail::random(needles, area);
    case NeedlePattern::List: {
      SitesResult result;
      if (static_cast<double>(needles.sites.size()) > kMaxNeedles) {
        result.problem = SitesProblem::TooMany;
        return result;
      }
      for (const NeedleSite& site : needles.sites) sites_detail::place(result.sites, site, area);
      return result;
    }
    case NeedlePattern::Roller:
      return sites_detail::roller(needles, area);
    case NeedlePattern::Stamp:
      return sites_detail::stamp(needles, area);
  }
  return {};
}

}  // namespace dermaflux::mesh
