#pragma once
// The spelling rules for names a case gives: the case name and preset names become
// parts of file paths, layer names become CSV column names. Private to solver/input.

#include <algorithm>
#include <cstddef>
#include <string_view>

namespace dermaflux::input {

inline bool is_name_character(char c, bool allow_dot_and_dash) {
  const bool alphanumeric =
      (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  return alphanumeric || c == '_' || (allow_dot_and_dash && (c == '.' || c == '-'));
}

// [A-Za-z0-9_.-]+, at most 100 characters and not dots only: such a name can never
// climb out of the folder it is joined to ("..", "a/b", "../evil" are all refused).
inline bool is_file_name(std::string_view text) {
  constexpr std::size_t kMaxLength = 100;
  if (text.empty() || text.size() > kMaxLength) return false;
  if (std::all_of(text.begin(), text.end(), [](char c) { return c == '.'; })) return false;
  return std::all_of(text.begin(), text.end(), [](char c) { return is_name_character(c, true); });
}

// [A-Za-z0-9_]+: a layer name, also used in output column names (<layer>_ug_cm2).
inline bool is_layer_name(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return is_name_character(c, false); });
}

}  // namespace dermaflux::input
