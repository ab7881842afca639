#pragma once
// Measured data (CASE_FORMAT.md, "Fitting to measured data"): a long CSV with a
// header, `time_h`, one or more columns named as in timeseries.csv (receptor_ug_cm2,
// <layer>_ug_cm2, flux_ug_cm2_h, ...), an optional `sd_<column>` per column (the
// value's standard deviation: a weight), an optional `cell` (replicate cells, kept as
// separate observations) and an optional `serum` (which serum of `dermaflux compare`
// a row belongs to; a row without one applies to every serum). Lines starting with
// '#' are comments; an empty field is a value not measured.
//
// Read by `dermaflux fit`, and checked and copied by `run --measured` and
// `compare --measured`. Every problem is an InputError located at file:line:column.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/Error.hpp"

namespace dermaflux::input {

struct MeasuredPoint {
  double time_h = 0.0;
  std::string column;                      // as in timeseries.csv
  double value = 0.0;                      // in the column's unit
  std::optional<double> sd;                // > 0, same unit
  std::string cell;                        // empty when the file has no cell column
  std::string serum;                       // empty: every serum
  SourceLocation where;                    // of the value
  SourceLocation time_where, serum_where;  // of its row's time_h and serum fields
};

struct MeasuredColumn {
  std::string name;
  SourceLocation where;  // in the header
};

struct MeasuredData {
  std::filesystem::path file;
  std::vector<MeasuredColumn> columns;  // the measured columns (not time_h, sd_, cell, serum)
  std::vector<MeasuredPoint> points;    // in file order
};

// Reads and checks the file on its own: a header with time_h and at least one
// measured column, numbers that parse, times >= 0, sd > 0, at least one value.
MeasuredData read_measured_csv(const std::filesystem::path& file);

// Checks the data against what a case produces: every measured column is one of
// `columns` (timeseries.csv's; else an error at its header field, naming the columns
// there are) and no time is after the case's end (an error at that value).
void check_measured_against(const MeasuredData& data, const std::vector<std::string>& columns,
                            double end_h);

}  // namespace dermaflux::input
