#include "io/Csv.hpp"

#include <charconv>
#include <nlohmann/json.hpp>

namespace dermaflux::io {

std::string csv_text(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string quoted = "\"";
  for (const char ch : text) {
    if (ch == '"') quoted += '"';
    quoted += ch;
  }
  quoted += '"';
  return quoted;
}

std::string csv_number(double value, CsvNumbers style) {
  if (style == CsvNumbers::AsInJson) return nlohmann::json(value).dump();
  char buffer[32];
  const auto result =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::general, 12);
  return std::string(buffer, result.ptr);
}

std::string csv_header(const std::vector<std::string>& names) {
  CsvLine line;
  for (const auto& name : names) line.text(name);
  return line.str();
}

}  // namespace dermaflux::io
