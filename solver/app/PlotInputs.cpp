#include "app/PlotInputs.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/Error.hpp"
#include "input/CsvFields.hpp"

namespace dermaflux::app {

namespace fs = std::filesystem;

void check_csv_whole(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw IoError("cannot read " + file.string());
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto damaged = [&](long line, const std::string& what) {
    return IoError(file.string() + ":" + std::to_string(line) + ": " + what +
                   ": the file is cut short or damaged (run the case again to rewrite it)");
  };
  if (text.empty()) throw damaged(1, "no header");
  std::stringstream lines(text);
  std::string line;
  std::getline(lines, line);
  const std::size_t columns = input::csv_fields(line).size();
  for (long number = 2; std::getline(lines, line); ++number) {
    const auto fields = input::csv_fields(line);
    if (fields.size() != columns)
      throw damaged(number, std::to_string(fields.size()) + " fields where the header has " +
                                std::to_string(columns));
  }
  if (text.back() != '\n')
    throw damaged(static_cast<long>(std::count(text.begin(), text.end(), '\n')) + 1,
                  "no end of line");
}

void check_plot_inputs(const fs::path& folder) {
  if (!fs::exists(folder / "timeseries.csv"))
    throw UsageError(folder.string() + " holds no timeseries.csv: give the output folder of a run");
  if (fs::exists(folder / "INTERRUPTED.txt"))
    throw UsageError(folder.string() +
                     " holds an interrupted run: finish it first (INTERRUPTED.txt says how)");
  if (fs::exists(folder / "FAILED.txt"))
    throw UsageError(folder.string() +
                     " holds a failed run (FAILED.txt says why): there is nothing finished to "
                     "plot");
  if (!fs::exists(folder / "summary.json"))
    throw UsageError(folder.string() +
                     " holds no finished run (no summary.json): a run still going or one "
                     "killed before its end; plot it once it has finished");
  check_csv_whole(folder / "timeseries.csv");
  if (fs::exists(folder / "profiles.csv")) check_csv_whole(folder / "profiles.csv");
}

}  // namespace dermaflux::app
