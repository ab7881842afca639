#include "input/UnitExpression.hpp"

#include <array>
#include <cctype>
#include <cstdlib>
#include <optional>
#include <string>

#include "input/NumberText.hpp"
#include "input/Units.hpp"

namespace dermaflux::input::units {
namespace {

struct BaseUnit {
  std::string_view symbol;
  Powers powers;
  int power_of_ten;
  double multiplier;  // an exact integer: minutes, hours and days in seconds
};

// µ is accepted both as U+00B5 (micro sign) and U+03BC (Greek mu): keyboards produce either.
constexpr std::array kBaseUnits{
    BaseUnit{"m", kLength, 0, 1.0},
    BaseUnit{"cm", kLength, -2, 1.0},
    BaseUnit{"mm", kLength, -3, 1.0},
    BaseUnit{"um", kLength, -6, 1.0},
    BaseUnit{"\u00B5m", kLength, -6, 1.0},
    BaseUnit{"\u03BCm", kLength, -6, 1.0},
    BaseUnit{"nm", kLength, -9, 1.0},
    BaseUnit{"s", kTime, 0, 1.0},
    BaseUnit{"min", kTime, 0, 60.0},
    BaseUnit{"h", kTime, 0, 3600.0},
    BaseUnit{"d", kTime, 0, 86400.0},
    BaseUnit{"kg", kMass, 0, 1.0},
    BaseUnit{"g", kMass, -3, 1.0},
    BaseUnit{"mg", kMass, -6, 1.0},
    BaseUnit{"ug", kMass, -9, 1.0},
    BaseUnit{"\u00B5g", kMass, -9, 1.0},
    BaseUnit{"\u03BCg", kMass, -9, 1.0},
    BaseUnit{"ng", kMass, -12, 1.0},
    BaseUnit{"L", kVolume, -3, 1.0},
    BaseUnit{"l", kVolume, -3, 1.0},
    BaseUnit{"mL", kVolume, -6, 1.0},
    BaseUnit{"ml", kVolume, -6, 1.0},
    BaseUnit{"uL", kVolume, -9, 1.0},
    BaseUnit{"ul", kVolume, -9, 1.0},
    BaseUnit{"\u00B5L", kVolume, -9, 1.0},
    BaseUnit{"\u03BCL", kVolume, -9, 1.0},
    BaseUnit{"\u00B5l", kVolume, -9, 1.0},
    BaseUnit{"\u03BCl", kVolume, -9, 1.0},
    BaseUnit{"mol", kAmount, 0, 1.0},
    BaseUnit{"mmol", kAmount, -3, 1.0},
    BaseUnit{"Da", kMolarMass, -3, 1.0},  // 1 Da = 1 g/mol
    BaseUnit{"kDa", kMolarMass, 0, 1.0},
    BaseUnit{"day", kTime, 0, 86400.0},  // mg/kg/day, as toxicologists write a NOAEL
};

constexpr std::string_view kKnownUnits =
    "m, cm, mm, um, nm, s, min, h, d, day, kg, g, mg, ug, ng, L, mL, uL, mol, mmol, Da, kDa, "
    "and % (w/v) for concentrations";

constexpr std::string_view kMiddleDot = "\u00B7";  // "mg·mL^-1"

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

}  // namespace

// Appended rather than "'" + std::string(text) + "'", which trips a false -Wrestrict in
// GCC 12 at -O2 (GCC bug 105329).
std::string quoted(std::string_view text) {
  std::string result(1, '\'');
  result.append(text).push_back('\'');
  return result;
}

Scale parse_unit_expression(std::string_view unit, std::string_view whole) {
  return UnitExpressionParser(unit, whole).parse();
}

}  // namespace dermaflux::input::units
