#include "core/Error.hpp"

namespace dermaflux {
namespace {

std::string format_input_error(const SourceLocation& where, const std::string& key_path,
                               const std::string& expected, const std::string& found,
                               const std::string& hint) {
  // Appended piece by piece: `"literal" + std::string` trips a false -Wrestrict
  // in GCC 12 at -O2 (GCC bug 105329).
  std::string message = where.file.empty() ? std::string("<input>") : where.file;
  if (where.line > 0) {
    message.append(":").append(std::to_string(where.line));
    if (where.column > 0) message.append(":").append(std::to_string(where.column));
  }
  message.append(": ");
  if (!key_path.empty()) message.append(key_path).append(": ");
  message.append("expected ").append(expected).append(", found ").append(found);
  if (!hint.empty()) message.append(" (").append(hint).append(")");
  return message;
}

}  // namespace

InputError::InputError(SourceLocation where, std::string key_path, std::string expected,
                       std::string found, std::string hint)
    : Error(format_input_error(where, key_path, expected, found, hint)),
      where_(std::move(where)),
      key_path_(std::move(key_path)),
      expected_(std::move(expected)),
      found_(std::move(found)) {}

}  // namespace dermaflux
