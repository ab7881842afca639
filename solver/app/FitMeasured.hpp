#pragma once
// `run --measured FILE.csv` and `compare --measured FILE.csv`: the measured data of
// `dermaflux fit` (input/MeasuredData.hpp) checked against what the run(s) produce,
// then copied into the output folder as measured.csv, where `dermaflux report`
// overlays it.

#include <filesystem>
#include <string>
#include <vector>

#include "input/Case.hpp"

namespace dermaflux::app {

// Reads `file` and checks it against `cases` (a column none of them writes, a time
// after the end) and, for compare, its `serum` values against `serum_labels` (a
// label, or <label>-intact for a serum's intact-skin twin; empty: no serum column
// allowed). Returns the file's text; InputError located in the file otherwise.
std::string checked_measured(const std::filesystem::path& file,
                             const std::vector<const input::Case*>& cases,
                             const std::vector<std::string>& serum_labels);

// Writes the text as <output_dir>/measured.csv, atomically.
void copy_measured(const std::string& text, const std::filesystem::path& output_dir);

}  // namespace dermaflux::app
