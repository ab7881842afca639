#include "input/MeasuredData.hpp"

#include <charconv>
#include <cmath>
#include <fstream>

#include "input/CsvFields.hpp"

namespace dermaflux::input {
namespace {

std::optional<double> parse_number(const std::string& text) {
  double value = 0.0;
  const char* begin = text.data();
  const char* end = begin + text.size();
  if (begin != end && *begin == '+') ++begin;
  const auto result = std::from_chars(begin, end, value);
  if (result.ec != std::errc() || result.ptr != end || !std::isfinite(value)) return std::nullopt;
  return value;
}

const std::string kHeaderExpected =
    "a header naming time_h and one or more columns of timeseries.csv (such as "
    "receptor_ug_cm2), optionally sd_<column>, cell and serum";

enum class Role { Time, Value, Sd, Cell, Serum };

struct HeaderColumn {
  Role role = Role::Value;
  std::string name;          // the measured column (for Sd: the column it weights)
  std::size_t measured = 0;  // index into MeasuredData::columns (Value, Sd)
};

}  // namespace

MeasuredData read_measured_csv(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw IoError("cannot read the measured data " + file.string());
  const std::string label = file.string();
  MeasuredData data;
  data.file = file;
  std::vector<HeaderColumn> header;
  std::string line;
  int line_number = 0;
  bool have_header = false;
  auto where = [&](int column) { return SourceLocation{label, line_number, column}; };
  while (std::getline(in, line)) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos || line.front() == '#') continue;
    const auto fields = csv_fields(line);
    if (!have_header) {
      have_header = true;
      bool has_time = false;
      for (const auto& field : fields) {
        HeaderColumn column;
        column.name = field.text;
        if (field.text == "time_h") {
          column.role = Role::Time;
          has_time = true;
        } else if (field.text == "cell") {
          column.role = Role::Cell;
        } else if (field.text == "serum") {
          column.role = Role::Serum;
        } else if (field.text.rfind("sd_", 0) == 0) {
          column.role = Role::Sd;
          column.name = field.text.substr(3);
        } else if (field.text.empty()) {
          throw InputError(where(field.column), "header", kHeaderExpected, "an empty column name");
        } else {
          column.measured = data.columns.size();
          data.columns.push_back({field.text, where(field.column)});
        }
        for (const auto& earlier : header)
          if (earlier.role == column.role && earlier.name == column.name)
            throw InputError(where(field.column), "header", "each column once",
                             "\"" + field.text + "\" twice");
        header.push_back(column);
      }
      if (!has_time) throw InputError(where(1), "header", kHeaderExpected, "no time_h column");
      if (data.columns.empty())
        throw InputError(where(1), "header", kHeaderExpected, "no measured column");
      for (std::size_t c = 0; c < header.size(); ++c) {
        if (header[c].role != Role::Sd) continue;
        bool found = false;
        for (std::size_t m = 0; m < data.columns.size(); ++m)
          if (data.columns[m].name == header[c].name) {
            header[c].measured = m;
            found = true;
          }
        if (!found)
          throw InputError(where(fields[c].column), "header",
                           "sd_<column> for a measured column of this file",
                           "\"sd_" + header[c].name + "\" without a " + header[c].name + " column");
      }
      continue;
    }
    if (fields.size() != header.size())
      throw InputError(where(1), "line " + std::to_string(line_number),
                       std::to_string(header.size()) + " fields, as in the header",
                       std::to_string(fields.size()));
    double time_h = 0.0;
    std::string cell, serum;
    int time_column = 1, serum_column = 1;
    std::vector<std::optional<double>> values(data.columns.size()), sds(data.columns.size());
    std::vector<int> value_columns(data.columns.size(), 1);
    for (std::size_t c = 0; c < header.size(); ++c) {
      const CsvField& field = fields[c];
      const HeaderColumn& column = header[c];
      if (column.role == Role::Cell) {
        cell = field.text;
        continue;
      }
      if (column.role == Role::Serum) {
        serum = field.text;
        serum_column = field.column;
        continue;
      }
      const std::string key = column.role == Role::Sd ? "sd_" + column.name : column.name;
      if (field.text.empty()) {
        if (column.role == Role::Time)
          throw InputError(where(field.column), key, "a time in hours", "an empty field");
        continue;  // not measured at this time
      }
      const auto number = parse_number(field.text);
      if (!number) throw InputError(where(field.column), key, "a number", "\"" + field.text + "\"");
      if (column.role == Role::Time) {
        if (*number < 0.0)
          throw InputError(where(field.column), key, "a time in hours, 0 or later",
                           "\"" + field.text + "\"");
        time_h = *number;
        time_column = field.column;
      } else if (column.role == Role::Sd) {
        if (!(*number > 0.0))
          throw InputError(where(field.column), key,
                           "a standard deviation > 0 (leave the field empty for none)",
                           "\"" + field.text + "\"");
        sds[column.measured] = number;
      } else {
        values[column.measured] = number;
        value_columns[column.measured] = field.column;
      }
    }
    for (std::size_t m = 0; m < data.columns.size(); ++m) {
      if (!values[m]) continue;
      data.points.push_back({time_h, data.columns[m].name, *values[m], sds[m], cell, serum,
                             where(value_columns[m]), where(time_column), where(serum_column)});
    }
  }
  if (!have_header)
    throw InputError(SourceLocation{label, 1, 1}, "header", kHeaderExpected, "an empty file");
  if (data.points.empty())
    throw InputError(SourceLocation{label, line_number, 1}, "data",
                     "at least one measured value below the header", "none");
  return data;
}

void check_measured_against(const MeasuredData& data, const std::vector<std::string>& columns,
                            double end_h) {
  for (const auto& column : data.columns) {
    bool known = false;
    for (const auto& name : columns) known = known || name == column.name;
    if (known && column.name != "time_h") continue;
    std::string list;
    for (const auto& name : columns)
      if (name != "time_h") list += (list.empty() ? "" : ", ") + name;
    throw InputError(column.where, "header",
                     "a column the case writes to timeseries.csv (" + list +
                         "), or time_h, sd_<column>, cell, serum",
                     "\"" + column.name + "\"");
  }
  for (const auto& point : data.points)
    if (point.time_h > end_h * (1.0 + 1e-12))
      throw InputError(point.time_where, "time_h",
                       "a time within the case's time.end (" + std::to_string(end_h) + " h)",
                       std::to_string(point.time_h) + " h");
}

}  // namespace dermaflux::input
