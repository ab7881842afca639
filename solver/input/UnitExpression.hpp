#pragma once
// The unit of a quantity ("cm^2/s", "mg\u00B7mL^-1", "1/h") read into powers of the base
// dimensions and a scale to SI (Units.cpp turns number and scale into the SI value).

#include <string>
#include <string_view>

namespace dermaflux::input::units {

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

// 'text', for messages.
std::string quoted(std::string_view text);

// Reads `unit`, the unit part of the quantity `whole` (named in messages). Throws
// UnitError for a malformed expression, an unknown unit or a power beyond 4.
Scale parse_unit_expression(std::string_view unit, std::string_view whole);

}  // namespace dermaflux::input::units
