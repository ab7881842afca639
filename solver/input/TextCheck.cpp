#include "input/TextCheck.hpp"

#include <cstdio>

#include "core/Error.hpp"

namespace dermaflux::input {
namespace {

bool starts_with_wide_bom(const std::string& text) {
  const auto byte = [&](std::size_t n) {
    return n < text.size() ? static_cast<unsigned char>(text[n]) : 0x100u;
  };
  const bool utf16 = (byte(0) == 0xFF && byte(1) == 0xFE) || (byte(0) == 0xFE && byte(1) == 0xFF);
  const bool utf32_be = byte(0) == 0 && byte(1) == 0 && byte(2) == 0xFE && byte(3) == 0xFF;
  return utf16 || utf32_be;
}

// Length of the valid UTF-8 sequence starting at text[n], or 0 (RFC 3629: no
// overlong forms, no surrogates, nothing above U+10FFFF).
std::size_t utf8_sequence_length(const std::string& text, std::size_t n) {
  const auto at = [&](std::size_t k) {
    return k < text.size() ? static_cast<unsigned char>(text[k]) : 0u;
  };
  const unsigned lead = at(n);
  const auto continuation = [&](std::size_t k, unsigned low = 0x80, unsigned high = 0xBF) {
    return at(k) >= low && at(k) <= high;
  };
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return continuation(n + 1) ? 2 : 0;
  if (lead == 0xE0) return continuation(n + 1, 0xA0) && continuation(n + 2) ? 3 : 0;
  if (lead == 0xED) return continuation(n + 1, 0x80, 0x9F) && continuation(n + 2) ? 3 : 0;
  if (lead >= 0xE1 && lead <= 0xEF) return continuation(n + 1) && continuation(n + 2) ? 3 : 0;
  if (lead == 0xF0)
    return continuation(n + 1, 0x90) && continuation(n + 2) && continuation(n + 3) ? 4 : 0;
  if (lead >= 0xF1 && lead <= 0xF3)
    return continuation(n + 1) && continuation(n + 2) && continuation(n + 3) ? 4 : 0;
  if (lead == 0xF4)
    return continuation(n + 1, 0x80, 0x8F) && continuation(n + 2) && continuation(n + 3) ? 4 : 0;
  return 0;
}

}  // namespace

void require_text(const std::string& text, const std::string& file) {
  if (starts_with_wide_bom(text)) return;
  int line = 1, column = 1;
  for (std::size_t n = 0; n < text.size();) {
    const std::size_t length = text[n] == '\0' ? 0 : utf8_sequence_length(text, n);
    if (length == 0) {
      char byte[8];
      std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(text[n]));
      throw InputError(SourceLocation{file, line, column}, "", "a text file (UTF-8)",
                       text[n] == '\0' ? "a NUL byte: this looks like a binary file"
                                       : std::string("the byte ") + byte + ", which is not UTF-8",
                       "save the file as UTF-8 text");
    }
    if (text[n] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
    n += length;
  }
}

}  // namespace dermaflux::input
