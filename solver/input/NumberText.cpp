#include "input/NumberText.hpp"

#include <cctype>
#include <charconv>
#include <cmath>
#include <string>
#include <system_error>

namespace dermaflux::input {

std::string_view trim_blanks(std::string_view text) {
  constexpr std::string_view kBlanks = " \t\r\n";
  const auto first = text.find_first_not_of(kBlanks);
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(kBlanks);
  return text.substr(first, last - first + 1);
}

NumberPrefix read_number_prefix(std::string_view text) {
  NumberPrefix result;
  std::size_t sign_length = 0;
  // from_chars refuses a leading '+', which people do write ("+2 h"); accept exactly one.
  if (!text.empty() && text.front() == '+' && text.size() > 1 &&
      (std::isdigit(static_cast<unsigned char>(text[1])) != 0 || text[1] == '.')) {
    sign_length = 1;
  }
  const char* begin = text.data() + sign_length;
  const char* end = text.data() + text.size();
  double value = 0.0;
  const auto [ptr, ec] = std::from_chars(begin, end, value, std::chars_format::general);
  if (ec == std::errc::invalid_argument) return result;
  result.length = static_cast<std::size_t>(ptr - text.data());
  result.digits = std::string_view(begin, static_cast<std::size_t>(ptr - begin));
  result.out_of_range = (ec == std::errc::result_out_of_range);
  result.value = result.out_of_range ? 0.0 : value;
  return result;
}

std::optional<double> parse_finite_number(std::string_view text) {
  const std::string_view trimmed = trim_blanks(text);
  const NumberPrefix number = read_number_prefix(trimmed);
  if (number.length == 0 || number.length != trimmed.size() || number.out_of_range ||
      !std::isfinite(number.value)) {
    return std::nullopt;
  }
  return number.value;
}

std::optional<long long> parse_integer(std::string_view text) {
  std::string_view trimmed = trim_blanks(text);
  if (!trimmed.empty() && trimmed.front() == '+') trimmed.remove_prefix(1);
  if (trimmed.empty()) return std::nullopt;
  long long value = 0;
  const auto [ptr, ec] = std::from_chars(trimmed.data(), trimmed.data() + trimmed.size(), value);
  if (ec != std::errc() || ptr != trimmed.data() + trimmed.size()) return std::nullopt;
  return value;
}

bool names_non_finite(std::string_view text) {
  std::string_view rest = trim_blanks(text);
  if (!rest.empty() && (rest.front() == '+' || rest.front() == '-')) rest.remove_prefix(1);
  if (!rest.empty() && rest.front() == '.') rest.remove_prefix(1);  // YAML's .nan / .inf
  // The leading word, lowered: "nan", "inf" or "infinity" (not "infinite", a dose).
  std::string word;
  for (const char c : rest) {
    if (std::isalpha(static_cast<unsigned char>(c)) == 0) break;
    word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return word == "nan" || word == "inf" || word == "infinity";
}

}  // namespace dermaflux::input
