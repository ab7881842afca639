#pragma once
// The one CSV line splitter of every table dermaflux reads back: a user's
// measured.csv (input/MeasuredData.cpp), a run's timeseries.csv when the fit reads
// its model runs (fit/ModelRuns.cpp) and when `plot` checks a file is whole
// (app/PlotInputs.cpp). The reader's half of io/Csv.hpp, kept in input/ because the
// case reader needs it and io/ builds on input/. Double-quoted fields may hold
// commas, "" is a quote (RFC 4180), and a line ending in a comma has an empty last
// field (so a row cut after its comma counts one field more, not one fewer).

#include <string>
#include <string_view>
#include <vector>

namespace dermaflux::input {

struct CsvField {
  std::string text;  // without its quotes and its surrounding blanks
  int column = 1;    // 1-based character column of its first character, for messages
};

std::vector<CsvField> csv_fields(std::string_view line);

// The fields' texts alone.
std::vector<std::string> csv_field_texts(std::string_view line);

}  // namespace dermaflux::input
