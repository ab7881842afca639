#pragma once
// Strict decimal numbers as they appear in case files. One parser for plain numbers
// (`partition: 0.8`) and for the number in a quantity (`15 um`), so both accept and
// reject exactly the same spellings.

#include <cstddef>
#include <optional>
#include <string_view>

namespace dermaflux::input {

// The decimal number at the start of a piece of text.
struct NumberPrefix {
  std::size_t length = 0;     // characters consumed; 0 when the text does not start with a number
  double value = 0.0;         // meaningful only when length > 0 and !out_of_range
  bool out_of_range = false;  // the digits overflow a double (1e999) or underflow to 0 (1e-400)
  std::string_view digits;    // the number as written, without a leading '+'
};

// Reads the longest number at the start of `text` with std::from_chars (general
// format: 15, -2.5, 1e-4, .5), also accepting one leading '+'. Never reads hex. NaN and
// infinity spellings ("nan", "inf") are consumed and returned as such: callers reject
// them with their own message.
NumberPrefix read_number_prefix(std::string_view text);

// The whole of `text` (surrounding blanks allowed) as a finite double, or nothing.
std::optional<double> parse_finite_number(std::string_view text);

// The whole of `text` (surrounding blanks allowed) as an integer written with digits
// only (optional sign), or nothing: "4.5", "4e0", "0x4" and overflow are rejected.
std::optional<long long> parse_integer(std::string_view text);

// `text` without leading and trailing blanks (space, tab, CR, LF).
std::string_view trim_blanks(std::string_view text);

// Whether `text` is a NaN or infinity spelling of YAML (.nan, .inf, -.Inf ...) or of
// C (nan, inf, infinity), ignoring case and a leading sign; for clearer messages.
bool names_non_finite(std::string_view text);

}  // namespace dermaflux::input
