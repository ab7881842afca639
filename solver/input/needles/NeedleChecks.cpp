#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <numbers>
#include <numeric>

#include "core/NumericCast.hpp"
#include "input/needles/NeedleDefaults.hpp"
#include "input/needles/NeedleReading.hpp"
#include "meshes/sites/NeedleSites.hpp"

// The needles against the rest of the case: the domain takes the pattern's period (a
// periodic domain a whole number of them), listed needles lie in the patch, channels
// end inside the skin, and the pattern puts at least one and not too many needles
// into the domain.

namespace dermaflux::input {
namespace {

// As for domain.width itself (SettingsSections.cpp): more lateral cells per axis is a
// unit slip and would exhaust memory before a solve starts.
constexpr double kMaxLateralCells = 100000.0;
// A periodic extent this close (relative) to a whole number of periods is one: a hex
// period p sqrt(3) cannot be typed exactly, and 1e-6 of it is far below any mesh cell.
constexpr double kPeriodTolerance = 1e-6;

const std::string kTimes = " \u00D7 ";

std::string friendly(double value_m) {
  return format_friendly(value_m, Dimension::Length);
}

// 9 significant digits in micrometres: enough to be a whole number of hex periods
// within kPeriodTolerance when typed back.
std::string precise(double value_m) {
  std::array<char, 32> buffer{};
  const auto end = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value_m * 1e6,
                                 std::chars_format::general, 9);
  return std::string(buffer.data(), end.ptr) + " um";
}

// A needle count such as 0.35, for messages.
std::string count_text(double count) {
  std::array<char, 32> buffer{};
  const auto end = std::to_chars(buffer.data(), buffer.data() + buffer.size(), count,
                                 std::chars_format::general, 3);
  return std::string(buffer.data(), end.ptr);
}

// A whole needle count such as 3000, for messages (saturating: a count from a user's
// density can be any size).
std::string whole_count_text(double count) {
  return std::to_string(core::saturating_cast<long long>(count));
}

std::string extent_text(const Domain& domain) {
  return friendly(domain.width_m) + kTimes + friendly(domain.length_m);
}

// The value of `key` in the domain mapping, if it has one; read_domain has checked the
// mapping, so this only finds the value and where it is.
std::optional<Located> domain_value(const std::optional<Located>& domain_at, std::string_view key) {
  if (!domain_at || !domain_at->node.IsMap()) return std::nullopt;
  for (const auto& key_value : domain_at->node) {
    const YAML::Node name = key_value.first;
    const YAML::Node value = key_value.second;
    if (!name.IsScalar() || name.Scalar() != key) continue;
    const YAML::Mark mark = value.IsNull() ? name.Mark() : value.Mark();
    return Located{value, domain_at->file, child_path(domain_at->path, key),
                   location_of(mark, domain_at->file), location_of(name.Mark(), domain_at->file)};
  }
  return std::nullopt;
}

struct Axis {
  std::string_view key;   // "width" / "length"
  std::string_view name;  // "x" / "y"
  double period_m;
  double& extent_m;
};

void fit_period(const Axis& axis, const std::optional<Located>& given, const Located& pitch_at,
                const MeshSettings& mesh, const Domain& domain, std::string_view pattern) {
  if (!given) {
    const double cells = std::ceil(axis.period_m / mesh.lateral_spacing_m * (1.0 - 1e-12));
    if (cells > kMaxLateralCells) {
      fail(pitch_at,
           "a pitch of at most 100000 cells of mesh.lateral_spacing (" +
               friendly(mesh.lateral_spacing_m) + ") per period",
           concat("the domain's default ", axis.key, " is one period, ", precise(axis.period_m)));
    }
    axis.extent_m = axis.period_m;
    return;
  }
  if (domain.lateral != LateralBoundary::Periodic) return;  // a patch may have any size
  const double periods = axis.extent_m / axis.period_m;
  const double whole = std::round(periods);
  if (whole >= 1.0 && std::abs(periods - whole) <= kPeriodTolerance * periods) return;
  const double lower = std::max(1.0, std::floor(periods));
  fail(*given,
       concat("a whole number of ", pattern, " periods (", precise(axis.period_m), " in ",
              axis.name, ")"),
       concat("a periodic domain repeats the pattern; the nearest valid ", axis.key, "s are ",
              precise(lower * axis.period_m), " and ", precise((lower + 1.0) * axis.period_m)));
}

[[noreturn]] void fail_depth(const Located& at, const std::string& found, double depth_m,
                             const std::vector<Layer>& layers, double total_m) {
  const Layer& deepest = layers.back();
  const double above_m = total_m - deepest.thickness_m;
  const double needed_um = std::floor((depth_m - above_m) * 1e6) + 1.0;
  fail_found(at, "a needle whose channel (length" + kTimes + "penetration) ends inside the skin",
             found + ": needles.length" + kTimes + "penetration = " + friendly(depth_m) +
                 " reaches below the skin (total thickness " + friendly(total_m) + ")",
             "make the " + deepest.name + " at least " + friendly(needed_um * 1e-6) +
                 " thick, or use shorter needles or a smaller penetration");
}

void check_listed(const Needles& needles, const std::vector<ListedSite>& listed,
                  const std::vector<Layer>& layers, double total_m, const Domain& domain) {
  for (const ListedSite& entry : listed) {
    const NeedleSite& site = entry.site;
    const bool inside = site.x_m >= 0.0 && site.x_m <= domain.width_m && site.y_m >= 0.0 &&
                        site.y_m <= domain.length_m;
    if (domain.lateral == LateralBoundary::NoFlux && !inside) {
      fail_found(entry.at,
                 "a needle inside the patch (x from 0 to " + friendly(domain.width_m) +
                     ", y from 0 to " + friendly(domain.length_m) + ")",
                 "x = " + friendly(site.x_m) + ", y = " + friendly(site.y_m),
                 "the domain is no_flux, a patch: move the needle or enlarge the domain");
    }
    if (site.base_diameter_m && *site.base_diameter_m < needles.tip_diameter_m) {
      fail_found(
          entry.at,
          "a base diameter of at least the tip diameter (" + friendly(needles.tip_diameter_m) + ")",
          "base diameter " + friendly(*site.base_diameter_m),
          "a needle narrows from its base to its tip");
    }
    if (site.length_m && needles.penetration * *site.length_m >= total_m) {
      fail_depth(entry.at, "length " + friendly(*site.length_m),
                 needles.penetration * *site.length_m, layers, total_m);
    }
  }
}

void check_random_count(const NeedleKeys& keys, const Needles& needles, const Domain& domain) {
  const double count = mesh::random_needle_count(needles, needle_area(domain));
  if (count >= 1.0) return;
  const double area_m2 = domain.width_m * domain.length_m;
  fail(*keys.find("density"),
       "a density giving at least one needle in the " + extent_text(domain) + " domain",
       "density" + kTimes + "area = " + count_text(needles.density_per_m2 * area_m2) +
           " needles; raise the density to at least " +
           format_friendly(0.5 / area_m2, Dimension::PerArea) + " or enlarge the domain");
}

[[noreturn]] void fail_too_dense(const NeedleKeys& keys, const Needles& needles,
                                 const mesh::SitesResult& result, const Domain& domain) {
  const double spacing = needles.min_spacing_m;
  const double cover = result.wanted * std::numbers::pi * spacing * spacing / 4.0 /
                       (domain.width_m * domain.length_m);
  std::string hint;
  if (cover > mesh::kRandomJammingCoverage) {
    hint = "discs of that diameter around " + whole_count_text(result.wanted) +
           " needles would cover " + count_text(cover * 100.0) +
           " % of the domain, above the 54.7 % at which random packing jams";
  } else {
    hint = "only " + std::to_string(result.placed) + " fitted before random placement gave up";
  }
  hint.append("; lower min_spacing or the density, or choose a regular pattern");
  fail(*keys.find("min_spacing"),
       "a min_spacing that leaves room for " + whole_count_text(result.wanted) +
           " needles (density" + kTimes + "area) in the " + extent_text(domain) + " domain",
       hint);
}

std::string empty_pattern_hint(NeedlePattern pattern) {
  switch (pattern) {
    case NeedlePattern::Roller:
      return "the tracks miss the domain: check the passes' offsets";
    case NeedlePattern::Stamp:
      return "the stamps miss the domain: check start, direction and step";
    default:
      return "the domain is smaller than half a pitch";
  }
}

// Where a problem of the whole pattern is shown: at the case's pattern, or at the case's
// needles section when the pattern came from a device (the case's keys placed it).
Located pattern_at(const NeedleKeys& keys) {
  if (!keys.from_device("pattern")) return keys.require("pattern", "a pattern");
  Located section = keys.section();
  section.where = section.key_where;
  return section;
}

}  // namespace

void fit_domain(const NeedleKeys& keys, const Needles& needles,
                const std::optional<Located>& domain_at, const MeshSettings& mesh, Domain& domain) {
  const std::optional<Located> width_at = domain_value(domain_at, "width");
  const std::optional<Located> length_at = domain_value(domain_at, "length");
  const std::string pattern(pattern_word(needles.pattern));
  if (needles.pattern == NeedlePattern::Square || needles.pattern == NeedlePattern::Hex) {
    const auto [period_x, period_y] = mesh::pattern_period(needles.pattern, needles.pitch_m);
    const Located pitch_at = keys.find("pitch") ? *keys.find("pitch") : *keys.find("operation");
    fit_period(Axis{"width", "x", period_x, domain.width_m}, width_at, pitch_at, mesh, domain,
               pattern);
    fit_period(Axis{"length", "y", period_y, domain.length_m}, length_at, pitch_at, mesh, domain,
               pattern);
    return;
  }
  for (const auto& [key, given] : {std::pair{"width", width_at}, std::pair{"length", length_at}}) {
    if (given) continue;
    Located missing = domain_at ? *domain_at : keys.section();
    if (!domain_at) missing.where = keys.section().key_where;
    missing.path = child_path("domain", key);
    fail_found(missing,
               "the domain's width and length: a " + pattern +
                   " pattern has no period of its own to size the domain",
               concat("no domain.", key),
               "add e.g. \"domain: {lateral: no_flux, width: 2 mm, length: 2 mm}\"");
  }
}

void centre_stamp_path(const NeedleKeys& keys, Needles& needles, const Domain& domain) {
  if (needles.pattern != NeedlePattern::Stamp || keys.find("start")) return;
  StampSpec& stamp = needles.stamp;
  const auto [along_x, along_y] = mesh::direction_vector(stamp.direction_deg);
  const double half_path = (stamp.stamps - 1) * stamp.step_m / 2.0;
  stamp.start_x_m = domain.width_m / 2.0 - half_path * along_x;
  stamp.start_y_m = domain.length_m / 2.0 - half_path * along_y;
}

void check_needles(const NeedleKeys& keys, const Needles& needles,
                   const std::vector<ListedSite>& listed, const std::vector<Layer>& layers,
                   const Domain& domain) {
  const double total_m =
      std::accumulate(layers.begin(), layers.end(), 0.0,
                      [](double sum, const Layer& layer) { return sum + layer.thickness_m; });
  const double depth_m = needles.penetration * needles.length_m;
  if (depth_m >= total_m) {
    const Located length_at = *keys.find("length");
    fail_depth(length_at, found_text(length_at.node), depth_m, layers, total_m);
  }
  check_listed(needles, listed, layers, total_m, domain);
  if (needles.pattern == NeedlePattern::Random) check_random_count(keys, needles, domain);

  const mesh::SitesResult result = mesh::needle_sites(needles, needle_area(domain));
  switch (result.problem) {
    case mesh::SitesProblem::TooMany:
      fail(pattern_at(keys), "a pattern of at most 1000000 needles in the domain",
           "this one would place more in the " + extent_text(domain) +
               " domain; widen its spacing or shrink the domain");
    case mesh::SitesProblem::TooDense:
      fail_too_dense(keys, needles, result, domain);
    case mesh::SitesProblem::None:
      break;
  }
  if (result.sites.empty()) {
    fail_found(pattern_at(keys), "a pattern that puts at least one needle in the domain",
               "none of its needles in the " + extent_text(domain) + " domain",
               empty_pattern_hint(needles.pattern));
  }
}

}  // namespace dermaflux::input
