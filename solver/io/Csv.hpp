#pragma once
// The one CSV writer of every table dermaflux writes: timeseries.csv, profiles.csv
// (io/RunCsv.hpp), comparison.csv (run/Compare.cpp) and batch.csv
// (batch/BatchRunner.cpp). A line is a header or a row of fields; a field is text,
// a number, or empty (a value that is missing).
//
// Text is quoted when it holds a comma, a double quote, CR or LF, with its quotes
// doubled (RFC 4180, 2.6-2.7), so a free-text field such as an active's name can
// never break a file. Lines end in LF alone, as the files always have.
//
// Numbers are written in one of two styles, both of which the files have always
// used (their bytes must not change):
//   Significant12  std::to_chars general with 12 significant digits: "12", "0.3",
//                  "1.5e-05". The figures a run computes (timeseries, profiles,
//                  comparison): twelve digits are far beyond their accuracy and
//                  keep the lines short.
//   AsInJson       as summary.json writes it (nlohmann::json: the shortest text
//                  that reads back as the same double, "12.0", "1e-05"). batch.csv
//                  copies its figures out of the runs' summary.json files, so each
//                  is the same text as in the file it came from.

#include <concepts>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dermaflux::io {

enum class CsvNumbers { Significant12, AsInJson };

// One field of text, quoted when it has to be.
std::string csv_text(std::string_view text);
std::string csv_number(double value, CsvNumbers style = CsvNumbers::Significant12);

// One line of comma-separated fields, without its line end.
class CsvLine {
 public:
  explicit CsvLine(CsvNumbers numbers = CsvNumbers::Significant12) : numbers_(numbers) {}

  CsvLine& text(std::string_view value) { return field(csv_text(value)); }
  CsvLine& number(double value) { return field(csv_number(value, numbers_)); }
  CsvLine& number(const std::optional<double>& value) { return value ? number(*value) : empty(); }
  CsvLine& integer(std::integral auto value) { return field(std::to_string(value)); }
  CsvLine& empty() { return field({}); }

  const std::string& str() const { return line_; }

 private:
  CsvLine& field(std::string_view written) {
    if (fields_++ > 0) line_ += ',';
    line_ += written;
    return *this;
  }

  CsvNumbers numbers_;
  std::string line_;
  std::size_t fields_ = 0;
};

// A header line of column names.
std::string csv_header(const std::vector<std::string>& names);

// A whole file: the header, then the rows, every line ended by LF.
class CsvTable {
 public:
  explicit CsvTable(const std::vector<std::string>& header) { append(csv_header(header)); }
  void add(const CsvLine& row) { append(row.str()); }
  const std::string& text() const { return text_; }

 private:
  void append(const std::string& line) { text_.append(line).append("\n"); }
  std::string text_;
};

}  // namespace dermaflux::io
