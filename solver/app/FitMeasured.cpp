#include "app/FitMeasured.hpp"

#include <algorithm>

#include "fit/ModelRuns.hpp"
#include "input/MeasuredData.hpp"
#include "input/YamlDocument.hpp"
#include "io/AtomicFile.hpp"

namespace dermaflux::app {

std::string checked_measured(const std::filesystem::path& file,
                             const std::vector<const input::Case*>& cases,
                             const std::vector<std::string>& serum_labels) {
  const input::MeasuredData data = input::read_measured_csv(file);
  std::vector<std::string> columns;
  double end_h = 0.0;
  for (const input::Case* c : cases) {
    for (const auto& name : fit::timeseries_columns(*c))
      if (std::find(columns.begin(), columns.end(), name) == columns.end()) columns.push_back(name);
    end_h = std::max(end_h, c->time.end_s / 3600.0);
  }
  input::check_measured_against(data, columns, end_h);
  for (const auto& point : data.points) {
    if (point.serum.empty()) continue;
    const bool known = std::any_of(serum_labels.begin(), serum_labels.end(), [&](const auto& l) {
      return point.serum == l || point.serum == l + "-intact";
    });
    if (known) continue;
    std::string list;
    for (const auto& label : serum_labels) list += (list.empty() ? "" : ", ") + label;
    throw InputError(point.serum_where, "serum",
                     serum_labels.empty()
                         ? std::string("no serum column: `run` has one serum")
                         : "a serum of this comparison (" + list +
                               ", or <serum>-intact), or an empty field for every serum",
                     "\"" + point.serum + "\"");
  }
  return input::read_text_file(file);
}

void copy_measured(const std::string& text, const std::filesystem::path& output_dir) {
  io::write_file_atomically(output_dir / "measured.csv", text);
}

}  // namespace dermaflux::app
