#include "input/Units.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <string>
#include <system_error>

#include "input/NumberText.hpp"

// A quantity is "<number> <unit expression>". The unit expression is parsed into a
// dimension (powers of mass, length, time, amount) and a scale. The scale is kept as a
// power of ten times a ratio of exact integers (60, 3600, 86400) so that the SI value is
// computed by shifting the decimal exponent of the number as written and re-reading it:
// "15 um" becomes exactly the double nearest 1.5e-5, and a value in SI units ("1.5e-05
// m", as format_si writes it) reads back bit for bit.

namespace dermaflux::input {
namespace {

// Exponents of mass (kg), length (m), time (s) and amount of substance (mol).
struct Powers {
  int mass = 0;
  int length = 0;
  int time = 0;
  int amount = 0;
  bool operator==(const Powers&) const = default;
};

constexpr Powers kMass{1, 0, 0, 0};
constexpr Powers kLength{0, 1, 0, 0};
constexpr Powers kTime{0, 0, 1, 0};
constexpr Powers kAmount{0, 0, 0, 1};
constexpr Powers kVolume{0, 3, 0, 0};
constexpr Powers kMolarMass{1, 0, 0, -1};

// value_si = value * 10^power_of_ten * multiply / divide
struct Scale {
  Powers powers;
  int power_of_ten = 0;
  double multiply = 1.0;
  double divide = 1.0;
};

struct BaseUnit {
  std::string_view symbol;
  Powers powers;
  int power_of_ten;
  double multiplier;  // an exact integer: minutes, hours and days in seconds
};

// µ is accepted both as U+00B5 (micro sign) and U+03BC (Greek mu): keyboards produce either.
constexpr std::array kBaseUnits{
    BaseUnit{"m", kLength, 0, 1.0},        BaseUnit{"cm", kLength, -2, 1.0},
    BaseUnit{"mm", kLength, -3, 1.0},      BaseUnit{"um", kLength, -6, 1.0},
    BaseUnit{"\u00B5m", kLength, -6, 1.0}, BaseUnit{"\u03BCm", kLength, -6, 1.0},
    BaseUnit{"nm", kLength, -9, 1.0},      BaseUnit{"s", kTime, 0, 1.0},
    BaseUnit{"min", kTime, 0, 60.0},       BaseUnit{"h", kTime, 0, 3600.0},
    BaseUnit{"d", kTime, 0, 86400.0},      BaseUnit{"kg", kMass, 0, 1.0},
    BaseUnit{"g", kMass, -3, 1.0},         BaseUnit{"mg", kMass, -6, 1.0},
    BaseUnit{"ug", kMass, -9, 1.0},        BaseUnit{"\u00B5g", kMass, -9, 1.0},
    BaseUnit{"\u03BCg", kMass, -9, 1.0},   BaseUnit{"ng", kMass, -12, 1.0},
    BaseUnit{"L", kVolume, -3, 1.0},       BaseUnit{"l", kVolume, -3, 1.0},
    BaseUnit{"mL", kVolume, -6, 1.0},      BaseUnit{"ml", kVolume, -6, 1.0},
    BaseUnit{"uL", kVolume, -9, 1.0},      BaseUnit{"ul", kVolume, -9, 1.0},
    BaseUnit{"\u00B5L", kVolume, -9, 1.0}, BaseUnit{"\u03BCL", kVolume, -9, 1.0},
    BaseUnit{"\u00B5l", kVolume, -9, 1.0}, BaseUnit{"\u03BCl", kVolume, -9, 1.0},
    BaseUnit{"mol", kAmount, 0, 1.0},      BaseUnit{"mmol", kAmount, -3, 1.0},
    BaseUnit{"Da", kMolarMass, -3, 1.0},  // 1 Da = 1 g/mol
    BaseUnit{"kDa", kMolarMass, 0, 1.0},
};

constexpr std::string_view kKnownUnits =
    "m, cm, mm, um, nm, s, min, h, d, kg, g, mg, ug, ng, L, mL, uL, mol, mmol, Da, kDa, and "
    "% (w/v) for concentrations";

constexpr std::string_view kMiddleDot = "\u00B7";  // "mg·mL^-1"

Powers powers_of(Dimension dimension) {
  switch (dimension) {
    case Dimension::Length:
      return kLength;
    case Dimension::Time:
      return kTime;
    case Dimension::Diffusivity:
      return {0, 2, -1, 0};
    case Dimension::Concentration:
      return {1, -3, 0, 0};
    case Dimension::VolumePerArea:
      return kLength;  // m^3 / m^2
    case Dimension::MolarMass:
      return kMolarMass;
    case Dimension::Rate:
      return {0, 0, -1, 0};
    case Dimension::PerArea:
      return {0, -2, 0, 0};
  }
  return {};
}

std::string_view noun_of(Dimension dimension) {
  switch (dimension) {
    case Dimension::Length:
      return "a length";
    case Dimension::Time:
      return "a time";
    case Dimension::Diffusivity:
      return "a diffusivity";
    case Dimension::Concentration:
      return "a concentration";
    case Dimension::VolumePerArea:
      return "a volume per area";
    case Dimension::MolarMass:
      return "a molar mass";
    case Dimension::Rate:
      return "a rate";
    case Dimension::PerArea:
      return "a number per area";
  }
  return "a quantity";
}

std::string_view example_of(Dimension dimension) {
  switch (dimension) {
    case Dimension::Length:
      return "15 um";
    case Dimension::Time:
      return "24 h";
    case Dimension::Diffusivity:
      return "2.5e-10 cm^2/s";
    case Dimension::Concentration:
      return "30 mg/mL";
    case Dimension::VolumePerArea:
      return "10 uL/cm^2";
    case Dimension::MolarMass:
      return "194.2 g/mol";
    case Dimension::Rate:
      return "1e-4 1/s";
    case Dimension::PerArea:
      return "200 1/cm^2";
  }
  return "";
}

// Names what a unit measures, for "'3 mm' is a length, not a diffusivity".
std::string noun_of(const Powers& powers) {
  struct Named {
    Powers powers;
    std::string_view noun;
  };
  static constexpr std::array kNamed{
      Named{kLength, "a length"},
      Named{kTime, "a time"},
      Named{{0, 2, -1, 0}, "a diffusivity"},
      Named{{1, -3, 0, 0}, "a concentration"},
      Named{kMolarMass, "a molar mass"},
      Named{{0, 0, -1, 0}, "a rate"},
      Named{{0, 2, 0, 0}, "an area"},
      Named{{0, -2, 0, 0}, "a number per area"},
      Named{kVolume, "a volume"},
      Named{kMass, "a mass"},
      Named{kAmount, "an amount of substance"},
      Named{{0, -3, 0, 1}, "a molar concentration"},
      Named{{1, -2, 0, 0}, "a mass per area"},
      Named{{0, 1, -1, 0}, "a speed"},
      Named{{0, 0, 0, 0}, "dimensionless"},
  };
  for (const Named& named : kNamed) {
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

std::string quoted(std::string_view text) {
  return "'" + std::string(text) + "'";
}

bool is_ascii_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Reads a unit expression: factors joined by '/', '*' or '·', each a base unit with an
// optional exponent ("cm^2", "s^-1", "cm2"); a leading "1" is an empty numerator ("1/s").
// A factor after '/' goes to the denominator, after '*' or '·' to the numerator, read
// left to right.
class UnitExpressionParser {
 public:
  UnitExpressionParser(std::string_view unit, std::string_view whole)
      : unit_(unit), whole_(whole) {}

  Scale parse() {
    Scale scale;
    int sign = +1;
    bool first = true;
    while (true) {
      skip_blanks();
      if (first && at_unit_one()) {
        ++position_;
      } else if (first && position_ < unit_.size() && unit_[position_] == '/') {
        // "0.5/h": the number itself is the numerator.
      } else {
        apply(scale, read_factor(), sign);
      }
      first = false;
      skip_blanks();
      if (position_ == unit_.size()) return scale;
      sign = read_operator();
    }
  }

 private:
  struct Factor {
    const BaseUnit* base;
    int exponent;
  };

  [[noreturn]] void malformed() const {
    throw UnitError("cannot read the unit " + quoted(unit_) + " in " + quoted(whole_) +
                    "; write units joined by / or *, with powers as ^2 or ^-1, e.g. cm^2/s");
  }

  void skip_blanks() {
    while (position_ < unit_.size() && (unit_[position_] == ' ' || unit_[position_] == '\t')) {
      ++position_;
    }
  }

  bool at_unit_one() const {
    if (position_ >= unit_.size() || unit_[position_] != '1') return false;
    const std::size_t next = position_ + 1;
    return next == unit_.size() || !(is_digit(unit_[next]) || unit_[next] == '.');
  }

  bool at_middle_dot() const { return unit_.substr(position_).starts_with(kMiddleDot); }

  int read_operator() {
    if (unit_[position_] == '/') {
      ++position_;
      return -1;
    }
    if (unit_[position_] == '*') {
      ++position_;
      return +1;
    }
    if (at_middle_dot()) {
      position_ += kMiddleDot.size();
      return +1;
    }
    malformed();
  }

  // A symbol is ASCII letters and any non-ASCII bytes (µ, μ, or a stranger the error
  // should name in full), stopping at the middle dot, which is an operator.
  std::string_view read_symbol() {
    const std::size_t start = position_;
    while (position_ < unit_.size() && !at_middle_dot() &&
           (is_ascii_letter(unit_[position_]) ||
            static_cast<unsigned char>(unit_[position_]) >= 0x80)) {
      ++position_;
    }
    return unit_.substr(start, position_ - start);
  }

  int read_exponent() {
    const bool caret = position_ < unit_.size() && unit_[position_] == '^';
    if (caret) ++position_;
    const std::size_t start = position_;
    if (caret && position_ < unit_.size() && (unit_[position_] == '-' || unit_[position_] == '+')) {
      ++position_;
    }
    while (position_ < unit_.size() && is_digit(unit_[position_])) ++position_;
    if (position_ == start) {
      if (caret) malformed();
      return 1;
    }
    const std::optional<long long> exponent = parse_integer(unit_.substr(start, position_ - start));
    // Powers beyond a few are never meant; the cap also keeps the integer scale exact.
    if (!exponent || *exponent == 0 || *exponent < -4 || *exponent > 4) {
      throw UnitError("the power in " + quoted(unit_) + " of " + quoted(whole_) +
                      " must be a whole number from -4 to 4 other than 0");
    }
    return static_cast<int>(*exponent);
  }

  Factor read_factor() {
    const std::string_view symbol = read_symbol();
    if (symbol.empty()) malformed();
    const BaseUnit* base = find(symbol);
    if (base == nullptr) throw_unknown(symbol);
    return Factor{base, read_exponent()};
  }

  static const BaseUnit* find(std::string_view symbol) {
    for (const BaseUnit& unit : kBaseUnits) {
      if (unit.symbol == symbol) return &unit;
    }
    return nullptr;
  }

  [[noreturn]] void throw_unknown(std::string_view symbol) const {
    std::string message = "unknown unit " + quoted(symbol) + " in " + quoted(whole_);
    // Units are case-sensitive (mL is not ML); point at the spelling that was meant.
    for (const BaseUnit& unit : kBaseUnits) {
      if (unit.symbol.size() != symbol.size()) continue;
      bool same_letters = true;
      for (std::size_t i = 0; i < symbol.size(); ++i) {
        same_letters = same_letters && std::tolower(static_cast<unsigned char>(symbol[i])) ==
                                           std::tolower(static_cast<unsigned char>(unit.symbol[i]));
      }
      if (same_letters) {
        message += "; did you mean " + quoted(unit.symbol) + "?";
        throw UnitError(message);
      }
    }
    throw UnitError(message + "; known units: " + std::string(kKnownUnits));
  }

  static void apply(Scale& scale, const Factor& factor, int sign) {
    const int power = sign * factor.exponent;
    const Powers& base = factor.base->powers;
    scale.powers.mass += power * base.mass;
    scale.powers.length += power * base.length;
    scale.powers.time += power * base.time;
    scale.powers.amount += power * base.amount;
    scale.power_of_ten += power * factor.base->power_of_ten;
    for (int i = 0; i < std::abs(power); ++i) {
      (power > 0 ? scale.multiply : scale.divide) *= factor.base->multiplier;
    }
  }

  std::string_view unit_;
  std::string_view whole_;
  std::size_t position_ = 0;
};

// "%" in a concentration means % w/v: grams per 100 mL, so 1 % = 10 mg/mL = 10 kg/m^3
// (the convention of serum labels; % w/w would need the vehicle density).
std::optional<Scale> percent_scale(std::string_view unit, std::string_view whole) {
  if (unit.find('%') == std::string_view::npos) return std::nullopt;
  if (unit == "%" || unit == "%w/v" || unit == "% w/v") {
    return Scale{powers_of(Dimension::Concentration), 1, 1.0, 1.0};
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
  return std::string(noun_of(dimension)) + " such as \"" + std::string(example_of(dimension)) +
         "\"";
}

std::string si_unit(Dimension dimension) {
  switch (dimension) {
    case Dimension::Length:
      return "m";
    case Dimension::Time:
      return "s";
    case Dimension::Diffusivity:
      return "m^2/s";
    case Dimension::Concentration:
      return "kg/m^3";
    case Dimension::VolumePerArea:
      return "m";
    case Dimension::MolarMass:
      return "kg/mol";
    case Dimension::Rate:
      return "1/s";
    case Dimension::PerArea:
      return "1/m^2";
  }
  return "";
}

double parse_quantity(std::string_view text, Dimension expected) {
  const std::string_view whole = trim_blanks(text);
  const std::string example(example_of(expected));
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
  if (!scale) scale = UnitExpressionParser(unit, whole).parse();
  if (!(scale->powers == powers_of(expected))) {
    if (unit.find('%') != std::string_view::npos) {
      throw UnitError(quoted(whole) + " is a concentration (% w/v), not " +
                      std::string(noun_of(expected)));
    }
    throw UnitError(quoted(whole) + " is " + noun_of(scale->powers) + ", not " +
                    std::string(noun_of(expected)));
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
  struct Friendly {
    double per_si;  // user units per SI unit
    std::string_view unit;
  };
  const Friendly friendly = [dimension]() -> Friendly {
    switch (dimension) {
      case Dimension::Length:
        return {1e6, "um"};
      case Dimension::Time:
        return {1.0 / 3600.0, "h"};
      case Dimension::Diffusivity:
        return {1e4, "cm^2/s"};
      case Dimension::Concentration:
        return {1.0, "mg/mL"};  // 1 mg/mL == 1 kg/m^3
      case Dimension::VolumePerArea:
        return {1e5, "uL/cm^2"};  // 1 uL/cm^2 == 1e-5 m
      case Dimension::MolarMass:
        return {1e3, "g/mol"};
      case Dimension::Rate:
        return {1.0, "1/s"};
      case Dimension::PerArea:
        return {1e-4, "1/cm^2"};
    }
    return {1.0, ""};
  }();
  std::array<char, 64> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(),
                                    value_si * friendly.per_si, std::chars_format::general, 6);
  return std::string(buffer.data(), result.ptr) + " " + std::string(friendly.unit);
}

}  // namespace dermaflux::input
