#include <array>
#include <charconv>
#include <string>

#include "input/needles/NeedleReading.hpp"
#include "meshes/sites/HoleDensity.hpp"

// `needles.operation` (square, hex, random): how a pen or a roller was worked. The
// holes it lays are counted (meshes/sites/HoleDensity.hpp), holes landing on earlier
// ones are taken out with the Poisson overlap model, and the distinct channels per area
// become the pattern's density (random) or pitch (square, hex).
//
//   operation: {device: pen, stamp_rate: 100 1/s, needles_per_stamp: 12,
//               glide_speed: 1 cm/s, stamp_width: 3 mm, passes: 4}
//   operation: {device: pen, stamp_rate: 100 1/s, needles_per_stamp: 12,
//               time: 1 min, area: 1.77 cm^2}
//   operation: {device: roller, needles: 192, drum_diameter: 2 cm, drum_width: 2 cm,
//               passes: 15}

namespace dermaflux::input {
namespace {

constexpr long long kMaxNeedles = 100000;
constexpr long long kMaxPasses = 100000;

std::string short_number(double value) {
  std::array<char, 64> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value,
                                    std::chars_format::general, 6);
  return std::string(buffer.data(), result.ptr);
}

int read_whole(const Mapping& map, std::string_view key, long long most, const std::string& example,
               std::optional<int> fallback = std::nullopt) {
  const std::string expected =
      concat("a whole number from 1 to ", std::to_string(most), " such as ", example);
  const std::optional<Located> at = map.find(key);
  if (!at && fallback) return *fallback;
  const Located value_at = at ? *at : map.require(key, expected);
  const long long value = read_integer(value_at, expected);
  if (value < 1 || value > most) fail(value_at, expected);
  return static_cast<int>(value);
}

double read_positive(const Mapping& map, std::string_view key, Dimension dimension) {
  return read_quantity(map.require(key, describe_quantity(dimension, Sign::Positive)), dimension,
                       Sign::Positive);
}

// A pen: stamps at `stamp_rate`, each `needles_per_stamp` holes; either glided at
// `glide_speed` in strips one `stamp_width` wide, `passes` times, or worked for `time`
// over `area` (the time then includes every pass).
void count_pen(const Mapping& map, HoleOperation& operation) {
  const double rate_hz = read_positive(map, "stamp_rate", Dimension::Rate);
  const int needles =
      read_whole(map, "needles_per_stamp", kMaxNeedles, "12 (the cartridge's pins)");
  const std::string per_stamp = concat(format_friendly(rate_hz, Dimension::Rate), " x ",
                                       std::to_string(needles), " needles per stamp");
  const std::optional<Located> time_at = map.find("time");
  if (time_at) {
    for (const std::string_view key : {"glide_speed", "stamp_width", "passes"}) {
      if (const auto at = map.find(key)) {
        Located key_at = *at;
        key_at.where = at->key_where;
        fail_found(key_at, "time and area, or glide_speed, stamp_width and passes", "both",
                   concat("remove \"", key, "\": the time covers every pass"));
      }
    }
    const double time_s = read_quantity(*time_at, Dimension::Time, Sign::Positive);
    const double area_m2 = read_positive(map, "area", Dimension::Area);
    operation.counted_per_m2 = mesh::pen_hole_density_per_m2(rate_hz, needles, time_s, area_m2);
    operation.counting =
        concat("pen: rate x needles per stamp x time / area = ", per_stamp, " x ",
               short_number(time_s), " s / ", format_friendly(area_m2, Dimension::Area));
    return;
  }
  if (map.find("area")) fail(*map.find("area"), "area together with time", "add time:");
  const double speed_m_s = read_positive(map, "glide_speed", Dimension::Speed);
  const double width_m = read_positive(map, "stamp_width", Dimension::Length);
  const int passes = read_whole(map, "passes", kMaxPasses, "4", 1);
  operation.counted_per_m2 =
      mesh::pen_glide_hole_density_per_m2(rate_hz, needles, passes, speed_m_s, width_m);
  operation.counting =
      concat("pen: rate x needles per stamp x passes / (glide speed x stamp width) = ", per_stamp,
             " x ", std::to_string(passes), " / (", format_friendly(speed_m_s, Dimension::Speed),
             " x ", format_friendly(width_m, Dimension::Length), ")");
}

void count_roller(const Mapping& map, HoleOperation& operation) {
  const int needles = read_whole(map, "needles", kMaxNeedles, "192 (all on the drum)");
  const double diameter_m = read_positive(map, "drum_diameter", Dimension::Length);
  const double width_m = read_positive(map, "drum_width", Dimension::Length);
  const int passes = read_whole(map, "passes", kMaxPasses, "15", 1);
  operation.counted_per_m2 = mesh::roller_hole_density_per_m2(passes, needles, diameter_m, width_m);
  operation.counting = concat(
      "roller: passes x needles / (pi x drum diameter x drum width) = ", std::to_string(passes),
      " x ", std::to_string(needles), " / (pi x ", format_friendly(diameter_m, Dimension::Length),
      " x ", format_friendly(width_m, Dimension::Length), ")");
}

}  // namespace

double channel_surface_width_m(const Needles& needles) {
  // As meshes/NeedleLayout.cpp's needle_channel: the needle's cross-section where it
  // crosses the skin surface, widened, then narrowed by the skin's elastic recovery.
  const double needle_width_m =
      needles.shape == NeedleShape::Cylinder
          ? needles.base_diameter_m
          : needles.surface_widening *
                (needles.tip_diameter_m +
                 (needles.base_diameter_m - needles.tip_diameter_m) * needles.penetration);
  return needle_width_m * (1.0 - needles.elastic_recovery);
}

HoleOperation read_operation(const Located& at, const Needles& needles) {
  const Mapping map(at,
                    {"device", "stamp_rate", "needles_per_stamp", "glide_speed", "stamp_width",
                     "time", "area", "needles", "drum_diameter", "drum_width", "passes"},
                    "how the device was worked: a mapping with device (pen or roller) and its "
                    "keys");
  HoleOperation operation;
  const Located device_at = map.require("device", "pen or roller");
  operation.device = read_string(device_at, "pen or roller");
  const std::vector<std::string_view> pen_only{
      "stamp_rate", "needles_per_stamp", "glide_speed", "stamp_width", "time", "area"};
  const std::vector<std::string_view> roller_only{"needles", "drum_diameter", "drum_width"};
  const bool pen = operation.device == "pen";
  if (!pen && operation.device != "roller") fail(device_at, "pen or roller");
  for (const std::string_view key : pen ? roller_only : pen_only) {
    if (const auto other = map.find(key)) {
      Located key_at = *other;
      key_at.where = other->key_where;
      fail_found(key_at, concat("a key of a ", operation.device, "'s operation"),
                 concat("\"", key, "\", a key of a ", pen ? "roller" : "pen"),
                 concat("remove it, or set device: ", pen ? "roller" : "pen"));
    }
  }
  if (pen) {
    count_pen(map, operation);
  } else {
    count_roller(map, operation);
  }

  const double width_m = channel_surface_width_m(needles);
  operation.footprint_m2 = mesh::hole_footprint_m2(width_m, needles.shape == NeedleShape::Pyramid);
  operation.distinct_per_m2 =
      mesh::distinct_hole_density_per_m2(operation.counted_per_m2, operation.footprint_m2);
  operation.counting.append(
      concat(" = ", format_friendly(operation.counted_per_m2, Dimension::PerArea),
             " counted; distinct channels (1 - exp(-n a)) / a (Poisson overlap: a hole on an "
             "earlier channel opens none) with a = ",
             short_number(operation.footprint_m2 * 1e4), " cm^2 (the channel's opening, ",
             format_friendly(width_m, Dimension::Length),
             " across) = ", format_friendly(operation.distinct_per_m2, Dimension::PerArea)));
  return operation;
}

}  // namespace dermaflux::input
