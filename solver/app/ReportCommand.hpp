#pragma once
// `dermaflux report DIR` and the reports that `run --report`, `compare` and `batch`
// write at their end: report.html in a results folder, made by the Python script
// solver/app/report/dermaflux_report.py (matplotlib's SVG backend and Jinja2) with
// Debian's python3. The script can be overridden with DERMAFLUX_REPORT.

#include <filesystem>
#include <string>
#include <vector>

namespace dermaflux::app {

struct ReportNotes {
  std::string command_line;           // as typed, when the report follows the command
  std::vector<std::string> failures;  // a batch's failed cases, "FOLDER: REASON"
};

// Writes `folder`/report.html for a run, compare or batch folder; throws IoError
// when the script cannot run or fails.
void write_report(const std::filesystem::path& folder, const ReportNotes& notes = {});

int report_command(const std::filesystem::path& folder);

}  // namespace dermaflux::app
