#pragma once
// Input files are text: a case, preset, sweep or needle list that holds a NUL
// byte or is not UTF-8 (an image, a spreadsheet, a file saved in Latin-1) gets one
// located error saying so, instead of a YAML error that prints the raw bytes.
// Private to solver/input.

#include <cstddef>
#include <string>

namespace dermaflux::input {

// The largest input file read: a case with 10^6 listed needles is ~50 MB of YAML.
inline constexpr std::size_t kMaxInputFileBytes = std::size_t{128} << 20;

// Throws InputError at the first NUL byte or invalid UTF-8 sequence, naming the line,
// the column and the byte. Text that starts with a UTF-16 or UTF-32 byte-order mark
// (which YAML allows) is left to the YAML parser.
void require_text(const std::string& text, const std::string& file);

}  // namespace dermaflux::input
