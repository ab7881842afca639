#include "app/ReportCommand.hpp"

#include <cstdio>
#include <cstdlib>

#include "app/PlotScript.hpp"
#include "core/Error.hpp"

namespace dermaflux::app {

void write_report(const std::filesystem::path& folder, const ReportNotes& notes) {
  const char* override_script = std::getenv("DERMAFLUX_REPORT");
  const std::string script =
      override_script && *override_script ? override_script : DERMAFLUX_REPORT_SCRIPT;
  std::vector<std::string> words{folder.string(), "--version", DERMAFLUX_VERSION};
  if (!notes.command_line.empty()) {
    words.push_back("--command-line");
    words.push_back(notes.command_line);
  }
  for (const auto& failure : notes.failures) {
    words.push_back("--failed");
    words.push_back(failure);
  }
  std::fflush(stdout);  // the script's line after ours
  run_python_script(script, words, "the report", "python3-matplotlib and python3-jinja2");
}

int report_command(const std::filesystem::path& folder) {
  for (const char* file : {"summary.json", "comparison.csv", "batch.csv", "fit.json"})
    if (std::filesystem::exists(folder / file)) {
      write_report(folder);
      return 0;
    }
  throw UsageError(folder.string() +
                   " holds no summary.json, comparison.csv, batch.csv or fit.json: give the folder "
                   "of a finished run, compare, batch or fit");
}

}  // namespace dermaflux::app
