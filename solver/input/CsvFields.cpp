#include "input/CsvFields.hpp"

namespace dermaflux::input {

std::vector<CsvField> csv_fields(std::string_view line) {
  std::vector<CsvField> fields;
  CsvField current;
  bool quoted = false;
  for (std::size_t n = 0; n < line.size(); ++n) {
    const char ch = line[n];
    if (quoted) {
      if (ch == '"' && n + 1 < line.size() && line[n + 1] == '"') {
        current.text += '"';
        ++n;
      } else if (ch == '"') {
        quoted = false;
      } else {
        current.text += ch;
      }
    } else if (ch == '"') {
      quoted = true;
    } else if (ch == ',') {
      fields.push_back(current);
      current = CsvField{{}, static_cast<int>(n) + 2};
    } else {
      current.text += ch;
    }
  }
  fields.push_back(current);
  for (auto& field : fields) {  // surrounding blanks (and a CR line end) are not part of a value
    const auto first = field.text.find_first_not_of(" \t\r");
    const auto last = field.text.find_last_not_of(" \t\r");
    field.text = first == std::string::npos ? "" : field.text.substr(first, last - first + 1);
  }
  return fields;
}

std::vector<std::string> csv_field_texts(std::string_view line) {
  std::vector<std::string> texts;
  for (auto& field : csv_fields(line)) texts.push_back(std::move(field.text));
  return texts;
}

}  // namespace dermaflux::input
