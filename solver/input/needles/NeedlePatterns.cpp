#include <string>

#include "input/CaseReader.hpp"
#include "input/needles/NeedleReading.hpp"
#include "meshes/sites/HoleDensity.hpp"
#include "meshes/sites/NeedleSiteBasics.hpp"

// The keys of each pattern: the square and hex pitch; the random density, spacing and
// seed; a list's needles (a CSV file or explicit sites); the roller's drum and passes;
// the stamp's cartridge and path. Only what does not depend on the domain is resolved
// here.

namespace dermaflux::input {
namespace {

// Beyond these a count is a typo, and would only make the pattern too large later.
constexpr long long kMaxRingNeedles = 10000;
constexpr long long kMaxRings = 10000;
constexpr std::size_t kMaxPasses = 1000;
constexpr long long kMaxStamps = 1000000;

const std::string kPositionExpected = describe_quantity(Dimension::Length, Sign::Any);

int read_count(const Located& at, long long most, const std::string& example) {
  const std::string expected =
      "a whole number from 1 to " + std::to_string(most) + " such as " + example;
  const long long value = read_integer(at, expected);
  if (value < 1 || value > most) fail(at, expected);
  return static_cast<int>(value);
}

double read_direction(const Located& at) {
  return read_number(at, "a direction in degrees such as 90 (from +x towards +y)");
}

std::string friendly_length(double value_m) {
  return format_friendly(value_m, Dimension::Length);
}

// `operation` instead of `key` (pitch or density): the distinct channels it leaves.
std::optional<Located> read_operation_instead_of(const NeedleKeys& keys, std::string_view key,
                                                 Needles& needles) {
  const std::optional<Located> operation_at = keys.find("operation");
  if (!operation_at) return std::nullopt;
  if (const auto given = keys.find(key)) {
    Located key_at = *given;
    key_at.where = given->key_where;
    fail_found(key_at, concat("either ", key, " or operation, not both"), "both",
               concat("operation derives the ", key, "; remove one of them"));
  }
  needles.operation = read_operation(*operation_at, needles);
  return operation_at;
}

void read_lattice(const NeedleKeys& keys, Needles& needles) {
  if (const auto operation_at = read_operation_instead_of(keys, "pitch", needles)) {
    const double distinct_per_m2 = needles.operation->distinct_per_m2;
    needles.pitch_m = needles.pattern == NeedlePattern::Hex ? mesh::hex_pitch_m(distinct_per_m2)
                                                            : mesh::square_pitch_m(distinct_per_m2);
    // Holes laid one after another need not clear a whole needle, only each other's
    // channels: a grid whose channels would overlap has no separate holes left.
    const double width_m = channel_surface_width_m(needles);
    if (needles.pitch_m < width_m) {
      fail_found(*operation_at,
                 "an operation whose distinct channels fit a grid of pitch at least the channel's "
                 "opening (" +
                     friendly_length(width_m) + ")",
                 "a pitch of " + friendly_length(needles.pitch_m) + " (" +
                     needles.operation->counting + ")",
                 "the skin is perforated all over; use pattern: random with this density, or "
                 "less work");
    }
    return;
  }
  const Located pitch_at =
      keys.require("pitch", describe_quantity(Dimension::Length, Sign::Positive) +
                                " (or operation: how the device was worked)");
  needles.pitch_m = read_quantity(pitch_at, Dimension::Length, Sign::Positive);
  if (needles.pitch_m < needles.base_diameter_m) {
    fail(pitch_at,
         "a pitch of at least the base diameter (" + friendly_length(needles.base_diameter_m) + ")",
         "neighbouring needles would overlap");
  }
}

void read_random(const NeedleKeys& keys, Needles& needles) {
  if (read_operation_instead_of(keys, "density", needles)) {
    needles.density_per_m2 = needles.operation->distinct_per_m2;
  } else {
    needles.density_per_m2 = read_quantity(
        keys.require("density", describe_quantity(Dimension::PerArea, Sign::Positive) +
                                    " (or operation: how the device was worked)"),
        Dimension::PerArea, Sign::Positive);
  }
  if (const auto at = keys.find("min_spacing")) {
    needles.min_spacing_m = read_quantity(*at, Dimension::Length, Sign::NonNegative);
  }
  if (const auto at = keys.find("seed")) {
    const std::string expected =
        "a whole number of 0 or more such as 1 (the same seed gives the same holes)";
    const long long seed = read_integer(*at, expected);
    if (seed < 0) fail(*at, expected);
    needles.seed = static_cast<std::uint64_t>(seed);
  }
}

// A relative list file resolves against the folder of the file naming it, then
// against the project's cases/ folder.
std::filesystem::path find_list_file(const NeedleKeys& keys, const Located& file_at) {
  const std::string expected =
      "a readable CSV file of needle positions (columns x_um,y_um and optionally length_um, "
      "base_diameter_um)";
  const std::string name = read_string(file_at, expected);
  if (name.empty()) fail(file_at, expected);
  const std::filesystem::path written(name);
  std::vector<std::filesystem::path> candidates{written};
  if (written.is_relative()) {
    candidates = {keys.folder_of("file") / written, project_cases_dir() / written};
  }
  std::string searched;
  for (const std::filesystem::path& candidate : candidates) {
    std::error_code error;
    if (std::filesystem::is_regular_file(candidate, error)) return candidate;
    searched.append(searched.empty() ? "" : " and ").append(candidate.string());
  }
  fail(file_at, expected, "no such file; searched " + searched);
}

std::vector<ListedSite> read_sites(const Located& sites_at) {
  const std::string site_expected =
      "a needle site: a mapping with x and y (and optionally length and base_diameter)";
  std::vector<ListedSite> listed;
  for (const Located& element :
       list_elements(sites_at, "a list of needle sites such as [{x: 250 um, y: 250 um}]")) {
    const Mapping site_map(element, {"x", "y", "length", "base_diameter"}, site_expected);
    ListedSite entry{NeedleSite{}, element};
    entry.site.x_m =
        read_quantity(site_map.require("x", kPositionExpected), Dimension::Length, Sign::Any);
    entry.site.y_m =
        read_quantity(site_map.require("y", kPositionExpected), Dimension::Length, Sign::Any);
    if (const auto at = site_map.find("length")) {
      entry.site.length_m = read_quantity(*at, Dimension::Length, Sign::Positive);
    }
    if (const auto at = site_map.find("base_diameter")) {
      entry.site.base_diameter_m = read_quantity(*at, Dimension::Length, Sign::Positive);
    }
    listed.push_back(std::move(entry));
  }
  return listed;
}

std::vector<ListedSite> read_list(const NeedleKeys& keys, Needles& needles) {
  const std::optional<Located> sites_at = keys.find("sites");
  const std::optional<Located> file_at = keys.find("file");
  if (sites_at && file_at) {
    Located second = *sites_at;
    second.where = sites_at->key_where;
    fail_found(second, "either file or sites, not both", "both",
               "file is on line " + std::to_string(file_at->key_where.line) + " of " +
                   file_at->file + "; remove one of them");
  }
  std::vector<ListedSite> listed;
  if (sites_at) {
    listed = read_sites(*sites_at);
    if (listed.empty()) fail(*sites_at, "a list of at least one needle site");
  } else {
    const Located at = keys.require(
        "file", "a CSV file of needle positions (or sites: a list of {x, y} positions)");
    needles.list_file = find_list_file(keys, at);
    listed = read_needle_csv(at, needles.list_file);
  }
  for (const ListedSite& entry : listed) needles.sites.push_back(entry.site);
  return listed;
}

void read_roller(const NeedleKeys& keys, Needles& needles) {
  RollerSpec& roller = needles.roller;
  roller.needles_per_ring = read_count(
      keys.require("needles_per_ring", "a whole number of needles on each ring such as 8"),
      kMaxRingNeedles, "8");
  roller.rings =
      read_count(keys.require("rings", "a whole number of rings such as 24"), kMaxRings, "24");
  if (roller.rings > 1) {
    roller.ring_spacing_m = read_quantity(
        keys.require("ring_spacing", describe_quantity(Dimension::Length, Sign::Positive)),
        Dimension::Length, Sign::Positive);
  } else if (const auto at = keys.find("ring_spacing")) {
    roller.ring_spacing_m = read_quantity(*at, Dimension::Length, Sign::NonNegative);
  }
  roller.drum_diameter_m = read_quantity(
      keys.require("drum_diameter", describe_quantity(Dimension::Length, Sign::Positive)),
      Dimension::Length, Sign::Positive);

  const std::optional<Located> passes_at = keys.find("passes");
  if (!passes_at) {
    roller.passes = {RollerPass{}};  // once along +x, through the domain centre
    return;
  }
  const std::vector<Located> elements = list_elements(
      *passes_at, "a list of passes such as [{direction: 0}, {direction: 90, offset: 0.4 mm}]");
  if (elements.empty() || elements.size() > kMaxPasses) {
    fail(*passes_at, "a list of 1 to " + std::to_string(kMaxPasses) + " passes");
  }
  for (const Located& element : elements) {
    const Mapping pass_map(element, {"direction", "offset"},
                           "a pass: a mapping with direction (degrees) and offset");
    RollerPass pass;
    if (const auto at = pass_map.find("direction")) pass.direction_deg = read_direction(*at);
    if (const auto at = pass_map.find("offset")) {
      pass.offset_m = read_quantity(*at, Dimension::Length, Sign::Any);
    }
    roller.passes.push_back(pass);
  }
}

NeedleSite site_at(double x_m, double y_m) {
  NeedleSite site;
  site.x_m = x_m;
  site.y_m = y_m;
  return site;
}

// `count` needles evenly on a circle of `radius_m`, the first at `first_deg`.
void add_ring(std::vector<NeedleSite>& sites, int count, double radius_m, double first_deg) {
  for (int k = 0; k < count; ++k) {
    const auto [x, y] = mesh::direction_vector(first_deg + 360.0 * k / count);
    sites.push_back(site_at(radius_m * x, radius_m * y));
  }
}

// The named pen cartridges. Layouts vary between makers and are rarely published;
// these are typical, uncited: a round 12-pin head (4 needles on a 0.35 mm radius inside
// 8 on a 0.8 mm radius, all within 2 mm) and a square 36-pin head (6 x 6 at 0.3 mm,
// 1.5 mm across).
std::vector<NeedleSite> named_cartridge(const std::string& name) {
  std::vector<NeedleSite> sites;
  if (name == "12") {
    add_ring(sites, 4, 0.35e-3, 45.0);
    add_ring(sites, 8, 0.8e-3, 0.0);
  } else {
    for (int j = 0; j < 6; ++j) {
      for (int i = 0; i < 6; ++i)
        sites.push_back(site_at((2 * i - 5) * 0.15e-3, (2 * j - 5) * 0.15e-3));
    }
  }
  return sites;
}

void read_cartridge(const Located& at, StampSpec& stamp) {
  const std::string expected =
      "12 or 36 (a named pen cartridge), or a list of needle positions such as "
      "[{x: 0 um, y: 0 um}, {x: 300 um, y: 0 um}]";
  if (at.node.IsScalar()) {
    const std::string& name = at.node.Scalar();
    if (name != "12" && name != "36") fail(at, expected);
    stamp.cartridge = named_cartridge(name);
    stamp.cartridge_preset = name;
    return;
  }
  const std::vector<Located> elements = list_elements(at, expected);
  if (elements.empty()) fail(at, "a list of at least one needle position");
  for (const Located& element : elements) {
    const Mapping position(element, {"x", "y"}, "a needle position: a mapping with x and y");
    stamp.cartridge.push_back(site_at(
        read_quantity(position.require("x", kPositionExpected), Dimension::Length, Sign::Any),
        read_quantity(position.require("y", kPositionExpected), Dimension::Length, Sign::Any)));
  }
}

void read_stamp(const NeedleKeys& keys, Needles& needles) {
  StampSpec& stamp = needles.stamp;
  read_cartridge(keys.require("cartridge",
                              "12 or 36 (a named pen cartridge), or a list of "
                              "needle positions"),
                 stamp);
  if (const auto at = keys.find("stamps")) stamp.stamps = read_count(*at, kMaxStamps, "20");
  if (stamp.stamps > 1) {
    stamp.step_m =
        read_quantity(keys.require("step", describe_quantity(Dimension::Length, Sign::Positive) +
                                               " between successive stamps"),
                      Dimension::Length, Sign::Positive);
  } else if (const auto at = keys.find("step")) {
    stamp.step_m = read_quantity(*at, Dimension::Length, Sign::NonNegative);
  }
  if (const auto at = keys.find("direction")) stamp.direction_deg = read_direction(*at);
  if (const auto at = keys.find("start")) {
    const Mapping start(*at, {"x", "y"}, "the first stamp's centre: a mapping with x and y");
    stamp.start_x_m =
        read_quantity(start.require("x", kPositionExpected), Dimension::Length, Sign::Any);
    stamp.start_y_m =
        read_quantity(start.require("y", kPositionExpected), Dimension::Length, Sign::Any);
  }
}

}  // namespace

std::vector<ListedSite> read_pattern_fields(const NeedleKeys& keys, Needles& needles) {
  switch (needles.pattern) {
    case NeedlePattern::Square:
    case NeedlePattern::Hex:
      read_lattice(keys, needles);
      break;
    case NeedlePattern::Random:
      read_random(keys, needles);
      break;
    case NeedlePattern::List:
      return read_list(keys, needles);
    case NeedlePattern::Roller:
      read_roller(keys, needles);
      break;
    case NeedlePattern::Stamp:
      read_stamp(keys, needles);
      break;
  }
  return {};
}

}  // namespace dermaflux::input
