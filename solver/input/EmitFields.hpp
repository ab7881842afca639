#pragma once
// Writing keys of the resolved case (CaseWriter.cpp, NeedlesWriter.cpp): quantities in
// SI with the shortest digits that read back as the same double, each followed by a
// comment in the units people read. Private to solver/input.

#include <yaml-cpp/yaml.h>

#include <array>
#include <charconv>
#include <string>
#include <string_view>

#include "input/Units.hpp"

namespace dermaflux::input {

inline std::string plain_number(double value) {
  std::array<char, 64> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  return std::string(buffer.data(), result.ptr);
}

inline void write_quantity(YAML::Emitter& out, std::string_view key, double value_si,
                           Dimension dimension) {
  out << YAML::Key << std::string(key) << YAML::Value << format_si(value_si, dimension)
      << YAML::Comment(format_friendly(value_si, dimension));
}

inline void write_number(YAML::Emitter& out, std::string_view key, double value) {
  out << YAML::Key << std::string(key) << YAML::Value << plain_number(value);
}

}  // namespace dermaflux::input
