#include <algorithm>
#include <array>
#include <sstream>

#include "input/NumberText.hpp"
#include "input/TextCheck.hpp"
#include "input/YamlDocument.hpp"
#include "input/needles/NeedleReading.hpp"
#include "meshes/sites/NeedleSiteBasics.hpp"

// A needle list is a small CSV file: a header naming the columns (x_um and y_um, and
// optionally length_um and base_diameter_um, in any order), then one needle per line,
// in micrometres. Blank lines and # comments are skipped. Every problem names the CSV
// file, the line and the column of the field, like any other input error.

namespace dermaflux::input {
namespace {

constexpr std::array<std::string_view, 4> kColumns{"x_um", "y_um", "length_um", "base_diameter_um"};
const std::string kHeaderExpected =
    "a header line naming the columns: x_um,y_um and optionally length_um, base_diameter_um";

struct Field {
  std::string_view text;  // without surrounding blanks
  int column = 1;         // 1-based, of the text (or of the field when empty)
};

// The fields of one line (without its comment), split at commas.
std::vector<Field> split_fields(std::string_view line) {
  std::vector<Field> fields;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = line.find(',', start);
    const std::size_t end = comma == std::string_view::npos ? line.size() : comma;
    const std::string_view raw = line.substr(start, end - start);
    const std::size_t first = raw.find_first_not_of(" \t");
    const std::string_view text = trim_blanks(raw);
    fields.push_back(
        Field{text, static_cast<int>(start + (first == std::string_view::npos ? 0 : first)) + 1});
    if (comma == std::string_view::npos) return fields;
    start = comma + 1;
  }
}

class CsvReader {
 public:
  CsvReader(const Located& file_at, std::string label)
      : file_at_(file_at), label_(std::move(label)) {}

  std::vector<ListedSite> read(const std::string& text) {
    std::istringstream lines(text);
    std::string line;
    int number = 0;
    std::vector<ListedSite> listed;
    while (std::getline(lines, line)) {
      ++number;
      std::string_view content(line);
      if (const std::size_t hash = content.find('#'); hash != std::string_view::npos) {
        content = content.substr(0, hash);
      }
      if (trim_blanks(content).empty()) continue;
      if (columns_.empty()) {
        read_header(content, number);
        continue;
      }
      listed.push_back(read_needle(content, number));
      if (static_cast<double>(listed.size()) > mesh::kMaxNeedles) {
        fail_found(at(number, 1), "at most 1000000 needles in a list", "more",
                   "split the patch, or use a random pattern");
      }
    }
    if (columns_.empty()) {
      fail_found(at(std::max(number, 1), 1), kHeaderExpected, "no lines", "an empty needle list");
    }
    if (listed.empty()) {
      fail_found(at(number, 1), "at least one needle below the header", "none",
                 "add lines such as 250,250");
    }
    return listed;
  }

 private:
  Located at(int line, int column) const {
    const SourceLocation where{label_, line, column};
    return Located{YAML::Node(), label_, file_at_.path, where, where};
  }

  void read_header(std::string_view content, int number) {
    for (const Field& field : split_fields(content)) {
      const auto known = std::find(kColumns.begin(), kColumns.end(), field.text);
      if (known == kColumns.end()) {
        const bool numeric = parse_finite_number(field.text).has_value();
        fail_found(at(number, field.column), kHeaderExpected, concat("\"", field.text, "\""),
                   numeric ? "the first line must name the columns, e.g. x_um,y_um"
                           : "column names are x_um, y_um, length_um and base_diameter_um");
      }
      if (std::find(columns_.begin(), columns_.end(), *known) != columns_.end()) {
        fail_found(at(number, field.column), "each column named once",
                   concat("\"", field.text, "\" a second time"));
      }
      columns_.push_back(*known);
    }
    for (const std::string_view needed : {"x_um", "y_um"}) {
      if (std::find(columns_.begin(), columns_.end(), needed) == columns_.end()) {
        fail_found(at(number, 1), kHeaderExpected, concat("no ", needed, " column"));
      }
    }
  }

  ListedSite read_needle(std::string_view content, int number) {
    const std::vector<Field> fields = split_fields(content);
    const std::string count_expected =
        std::to_string(columns_.size()) + " fields per line, as the header names them";
    if (fields.size() > columns_.size()) {
      fail_found(at(number, fields[columns_.size()].column), count_expected,
                 std::to_string(fields.size()) + " fields");
    }
    if (fields.size() < columns_.size()) {
      fail_found(at(number, static_cast<int>(content.size()) + 1), count_expected,
                 std::to_string(fields.size()) + " fields",
                 concat("missing ", columns_[fields.size()]));
    }
    ListedSite entry{NeedleSite{}, at(number, 1)};
    for (std::size_t i = 0; i < fields.size(); ++i) {
      const std::string_view column = columns_[i];
      const bool position = column == "x_um" || column == "y_um";
      const std::optional<double> value = read_value(fields[i], column, position, number);
      if (column == "x_um") entry.site.x_m = *value;
      if (column == "y_um") entry.site.y_m = *value;
      if (column == "length_um") entry.site.length_m = value;
      if (column == "base_diameter_um") entry.site.base_diameter_m = value;
    }
    return entry;
  }

  // A field in micrometres, in metres; an empty override field is no override.
  std::optional<double> read_value(const Field& field, std::string_view column, bool position,
                                   int number) const {
    const std::string expected =
        std::string(column) + (position
                                   ? ": a number of micrometres such as 250"
                                   : ": a positive number of micrometres such as 500, or nothing");
    if (field.text.empty()) {
      if (!position) return std::nullopt;
      fail_found(at(number, field.column), expected, "an empty field");
    }
    const std::optional<double> number_value = parse_finite_number(field.text);
    const std::string found = concat("\"", field.text, "\"");
    if (!number_value) {
      fail_found(at(number, field.column), expected, found,
                 "write the number alone, without a unit");
    }
    if (!position && !(*number_value > 0.0)) fail_found(at(number, field.column), expected, found);
    // Through the quantity parser, so that "250" um is the double nearest 2.5e-4 m.
    try {
      return parse_quantity(std::string(field.text) + " um", Dimension::Length);
    } catch (const UnitError& error) {
      fail_found(at(number, field.column), expected, found, error.what());
    }
  }

  const Located& file_at_;
  std::string label_;
  std::vector<std::string_view> columns_;
};

}  // namespace

std::vector<ListedSite> read_needle_csv(const Located& file_at,
                                        const std::filesystem::path& csv_path) {
  std::string text;
  try {
    text = read_text_file(csv_path);
  } catch (const IoError& error) {
    fail(file_at, "a readable CSV file of needle positions", error.what());
  }
  require_text(text, csv_path.string());
  return CsvReader(file_at, csv_path.string()).read(text);
}

}  // namespace dermaflux::input
