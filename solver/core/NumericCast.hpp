#pragma once
// Converting a double to an integer is undefined behaviour in C++ when the value
// lies outside the integer's range (or is NaN). Every double that user input can
// reach (a count from a density, a cell count from a spacing) goes through here:
// out-of-range values saturate at the type's limits, NaN gives 0, and the caller's
// own range check then refuses the value with a located message.
#include <cmath>
#include <concepts>
#include <limits>

namespace dermaflux::core {

template <std::integral T>
constexpr T saturating_cast(double value) {
  if (std::isnan(value)) return T{0};
  // The limits as doubles round outwards (2^63 for int64's max), so the comparisons
  // below catch every value that would not fit.
  constexpr double lowest = static_cast<double>(std::numeric_limits<T>::lowest());
  constexpr double highest = static_cast<double>(std::numeric_limits<T>::max());
  if (value <= lowest) return std::numeric_limits<T>::lowest();
  if (value >= highest) return std::numeric_limits<T>::max();
  return static_cast<T>(value);
}

}  // namespace dermaflux::core
