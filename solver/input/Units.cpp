#include "input/Units.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <optional>
#include <string>
#include <system_error>
#include <utility>

#include "input/NumberText.hpp"
#include "input/UnitExpression.hpp"

// A quantity is "<number> <unit expression>". The unit expression is parsed into a
// dimension (powers of mass, length, time, amount) and a scale. The scale is kept as a
// power of ten times a ratio of exact integers (60, 3600, 86400) so that the SI value is
// computed by shifting the decimal exponent of the number as written and re-reading it:
// "15 um" becomes exactly the double nearest 1.5e-5, and a value in SI units ("1.5e-05
// m", as format_si writes it) reads back bit for bit.

namespace dermaflux::input {
namespace {

using units::kAmount;
using units::kLength;
using units::kMass;
using units::kMolarMass;
using units::kTime;
using units::kVolume;
using units::Powers;
using units::quoted;
using units::Scale;

// Everything the program knows of one dimension: its powers, the noun and example for
// messages, the SI unit it writes back, and the unit users read it in.
struct DimensionFacts {
  Dimension dimension;
  Powers powers;
  std::string_view noun;
  std::string_view example;
  std::string_view si_unit;
  double friendly_per_si;  // user units per SI unit
  std::string_view friendly_unit;
};

// One row per Dimension, in the enum's order.
constexpr std::array kDimensions{
    DimensionFacts{Dimension::Length, kLength, "a length", "15 um", "m", 1e6, "um"},
    DimensionFacts{Dimension::Time, kTime, "a time", "24 h", "s", 1.0 / 3600.0, "h"},
    DimensionFacts{Dimension::Diffusivity,
                   {0, 2, -1, 0},
                   "a diffusivity",
                   "2.5e-10 cm^2/s",
                   "m^2/s",
                   1e4,
                   "cm^2/s"},
    // 1 mg/mL == 1 kg/m^3
    DimensionFacts{Dimension::Concentration,
                   {1, -3, 0, 0},
                   "a concentration",
                   "30 mg/mL",
                   "kg/m^3",
                   1.0,
                   "mg/mL"},
    // m^3 / m^2: a film thickness, written back in m; 1 uL/cm^2 == 1e-5 m
    DimensionFacts{Dimension::VolumePerArea, kLength, "a volume per area", "10 uL/cm^2", "m", 1e5,
                   "uL/cm^2"},
    DimensionFacts{Dimension::MolarMass, kMolarMass, "a molar mass", "194.2 g/mol", "kg/mol", 1e3,
                   "g/mol"},
    DimensionFacts{Dimension::Rate, {0, 0, -1, 0}, "a rate", "1e-4 1/s", "1/s", 1.0, "1/s"},
    DimensionFacts{Dimension::PerArea,
                   {0, -2, 0, 0},
                   "a number per area",
                   "200 1/cm^2",
                   "1/m^2",
                   1e-4,
                   "1/cm^2"},
    DimensionFacts{Dimension::Area, {0, 2, 0, 0}, "an area", "25 cm^2", "m^2", 1e4, "cm^2"},
    DimensionFacts{Dimension::Mass, kMass, "a mass", "60 kg", "kg", 1.0, "kg"},
    // 1 m/s == 1e5 uL/cm^2 per second == 3.6e8 uL/cm^2/h
    DimensionFacts{Dimension::EvaporationRate,
                   {0, 1, -1, 0},
                   "a volume per area per time",
                   "15 uL/cm^2/h",
                   "m/s",
                   3.6e8,
                   "uL/cm^2/h"},
    // A dose per body weight and day has the powers of a rate (kg/kg/s = 1/s), so a rate
    // names it in messages about other units; 1 /s == 1e6 mg/kg per s == 8.64e10 mg/kg/day.
    DimensionFacts{Dimension::DosePerBodyWeight,
                   {0, 0, -1, 0},
                   "a dose per body weight and day",
                   "100 mg/kg/day",
                   "1/s",
                   8.64e10,
                   "mg/kg/day"},
    // The powers of an evaporation rate, which therefore names it in other units' messages.
    DimensionFacts{Dimension::Speed, {0, 1, -1, 0}, "a speed", "1 cm/s", "m/s", 100.0, "cm/s"},
};

constexpr bool in_enum_order() {
  for (std::size_t i = 0; i < kDimensions.size(); ++i) {
    if (static_cast<std::size_t>(kDimensions[i].dimension) != i) return false;
  }
  return true;
}
static_assert(in_enum_order(), "kDimensions: one row per Dimension, in the enum's order");

const DimensionFacts& facts(Dimension dimension) {
  return kDimensions[static_cast<std::size_t>(dimension)];
}

// Names what a unit measures, for "'3 mm' is a length, not a diffusivity": a dimension
// of the case format (kDimensions, Length before VolumePerArea), or one of these.
std::string noun_of(const Powers& powers) {
  struct Named {
    Powers powers;
    std::string_view noun;
  };
  static constexpr std::array kOtherNouns{
      Named{kVolume, "a volume"},
      Named{kAmount, "an amount of substance"},
      Named{{0, -3, 0, 1}, "a molar concentration"},
      Named{{1, -2, 0, 0}, "a mass per area"},
      Named{{0, 0, 0, 0}, "dimensionless"},
  };
  for (const DimensionFacts& dimension : kDimensions) {
    if (dimension.powers == powers) return std::string(dimension.noun);
  }
  for (const Named& named : kOtherNouns) {
    if (named.powers == powers) return std::string(named.noun);
  }
  std::string text = "a quantity in";
  const std::array<std::pair<std::string_view, int>, 4> parts{
      {{"kg", powers.mass}, {"m", powers.length}, {"s", powers.time}, {"mol", powers.amount}}};
  for (const auto& [symbol, power] : parts) {
    if (power != 0) text += " " + std::string(symbol) + "^" + std::to_string(power);
  }
  return text;
}

// "%" in a concentration means % w/v: grams per 100 mL, so 1 % = 10 mg/mL = 10 kg/m^3
// (the convention of serum labels; % w/w would need the vehicle density).
std::optional<Scale> percent_scale(std::string_view unit, std::string_view whole) {
  if (unit.find('%') == std::string_view::npos) return std::nullopt;
  if (unit == "%" || unit == "%w/v" || unit == "% w/v") {
    return Scale{facts(Dimension::Concentration).powers, 1, 1.0, 1.0};
  }
  throw UnitError("'%' must stand alone in " + quoted(whole) +
                  " (it means % w/v: 1 % = 10 mg/mL), e.g. 3 %");
}

// number (as written) * scale, rounded once where the scale is a power of ten.
double apply_scale(const NumberPrefix& number, const Scale& scale, std::string_view whole) {
  if (number.value == 0.0) return number.value;  // also spares "0e99999999999" the exponent
  const std::string_view digits = number.digits;
  const std::size_t e = digits.find_first_of("eE");
  long long exponent = 0;
  if (e != std::string_view::npos) {
    // A non-zero finite number cannot carry an exponent beyond long long.
    exponent = parse_integer(digits.substr(e + 1)).value_or(0);
  }
  const std::string shifted =
      std::string(digits.substr(0, e)) + "e" + std::to_string(exponent + scale.power_of_ten);
  double value = 0.0;
  const auto [ptr, ec] = std::from_chars(shifted.data(), shifted.data() + shifted.size(), value);
  if (ec == std::errc() && scale.multiply != 1.0) value *= scale.multiply;
  if (ec == std::errc() && scale.divide != 1.0) value /= scale.divide;
  if (ec != std::errc() || !std::isfinite(value) || value == 0.0) {
    throw UnitError(quoted(whole) + " is too large or too small to represent in SI units");
  }
  return value;
}

}  // namespace

std::string describe(Dimension dimension) {
  return std::string(facts(dimension).noun) + " such as \"" +
         std::string(facts(dimension).example) + "\"";
}

std::string si_unit(Dimension dimension) {
  return std::string(facts(dimension).si_unit);
}

double parse_quantity(std::string_view text, Dimension expected) {
  const std::string_view whole = trim_blanks(text);
  const std::string example(facts(expected).example);
  if (whole.empty()) {
    throw UnitError("no value given; write a number and a unit, e.g. " + example);
  }
  const NumberPrefix number = read_number_prefix(whole);
  if (names_non_finite(whole) ||
      (number.length > 0 && !number.out_of_range && !std::isfinite(number.value))) {
    throw UnitError(quoted(whole) + " is not a finite number; write e.g. " + example);
  }
  if (number.length == 0) {
    throw UnitError(quoted(whole) + " does not start with a number; write e.g. " + example);
  }
  if (number.out_of_range) {
    throw UnitError(quoted(whole) + " is too large or too small to represent as a number");
  }
  const std::string_view unit = trim_blanks(whole.substr(number.length));
  if (unit.empty()) {
    throw UnitError(quoted(whole) + " needs a unit, e.g. " + example);
  }
  std::optional<Scale> scale = percent_scale(unit, whole);
  if (!scale) scale = units::parse_unit_expression(unit, whole);
  if (!(scale->powers == facts(expected).powers)) {
    if (unit.find('%') != std::string_view::npos) {
      throw UnitError(quoted(whole) + " is a concentration (% w/v), not " +
                      std::string(facts(expected).noun));
    }
    throw UnitError(quoted(whole) + " is " + noun_of(scale->powers) + ", not " +
                    std::string(facts(expected).noun));
  }
  return apply_scale(number, *scale, whole);
}

std::string format_si(double value_si, Dimension dimension) {
  // The shortest digits that read back as the same double (std::to_chars guarantees it).
  std::array<char, 64> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value_si);
  return std::string(buffer.data(), result.ptr) + " " + si_unit(dimension);
}

std::string format_friendly(double value_si, Dimension dimension) {
  const DimensionFacts& friendly = facts(dimension);
  std::array<char, 64> buffer{};
  const auto result =
      std::to_chars(buffer.data(), buffer.data() + buffer.size(),
                    value_si * friendly.friendly_per_si, std::chars_format::general, 6);
  return std::string(buffer.data(), result.ptr) + " " + std::string(friendly.friendly_unit);
}

}  // namespace dermaflux::input
