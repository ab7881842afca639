#include "fit/FitOutputs.hpp"

#include <cmath>
#include <nlohmann/json.hpp>

#include "io/AtomicFile.hpp"
#include "io/Csv.hpp"

namespace dermaflux::fit {
namespace {

// JSON has no NaN: an undetermined figure is null.
nlohmann::ordered_json number(double value) {
  return std::isfinite(value) ? nlohmann::ordered_json(value) : nlohmann::ordered_json();
}

bool near_bound(const FitParameter& parameter, double value) {
  const Bounds bounds{parameter.low, parameter.high, parameter.log_space};
  return std::abs(z_of_value(bounds, value)) > 9.0;  // within ~1e-4 of the range's end
}

}  // namespace

std::vector<std::string> fit_warnings(const FitSpec& spec, const FitReport& report) {
  std::vector<std::string> warnings;
  const auto& parameters = spec.parameters;
  if (!report.result.converged)
    warnings.push_back("the optimiser stopped after " + std::to_string(report.result.iterations) +
                       " iterations without converging: the values are the best found");
  if (report.uncertainty.degrees_of_freedom <= 0)
    warnings.push_back(
        "as many parameters as measured values: no residual variance, so no "
        "intervals; measure more points");
  for (std::size_t j = 0; j < parameters.size(); ++j) {
    const auto& item = report.uncertainty.parameters[j];
    if (!item.identifiable)
      warnings.push_back(parameters[j].key +
                         " is not identifiable from these data: " + item.why_not);
    if (near_bound(parameters[j], report.result.values[j]))
      warnings.push_back(parameters[j].key + " ended at a bound (" +
                         value_text(parameters[j], report.result.values[j]) +
                         "): widen its bounds, or the data ask for a value beyond them");
  }
  return warnings;
}

void write_fit_json(const std::filesystem::path& file, const FitSpec& spec,
                    const FitReport& report) {
  const auto& parameters = spec.parameters;
  nlohmann::ordered_json json;
  nlohmann::ordered_json values = nlohmann::ordered_json::object();
  std::vector<std::string> keys;
  for (std::size_t j = 0; j < parameters.size(); ++j) {
    const auto& item = report.uncertainty.parameters[j];
    nlohmann::ordered_json entry;
    entry["value"] = report.result.values[j];
    entry["unit"] = unit_text(parameters[j]);
    entry["ci95_low"] = number(item.ci95_low);
    entry["ci95_high"] = number(item.ci95_high);
    entry["identifiable"] = item.identifiable;
    entry["bounds"] = {parameters[j].low, parameters[j].high};
    entry["fitted_in"] = parameters[j].log_space ? "log" : "linear";
    values[parameters[j].key] = entry;
    keys.push_back(parameters[j].key);
  }
  json["parameters"] = values;
  nlohmann::ordered_json matrix = nlohmann::ordered_json::array();
  const auto& correlation = report.uncertainty.correlation;
  for (Eigen::Index i = 0; i < correlation.rows(); ++i) {
    nlohmann::ordered_json row = nlohmann::ordered_json::array();
    for (Eigen::Index j = 0; j < correlation.cols(); ++j) row.push_back(number(correlation(i, j)));
    matrix.push_back(row);
  }
  json["correlation"] = {{"keys", keys}, {"matrix", matrix}};
  json["objective"] = report.result.objective;
  json["runs"] = report.runs;
  json["converged"] = report.result.converged;
  json["iterations"] = report.result.iterations;
  json["observations"] = report.observations;
  json["degrees_of_freedom"] = report.uncertainty.degrees_of_freedom;
  json["residual_variance"] = number(report.uncertainty.residual_variance);
  json["condition_number"] = number(report.uncertainty.condition);
  json["weighting"] = report.weighting;
  json["wall_s"] = report.wall_s;
  json["warnings"] = report.warnings;
  io::write_file_atomically(file, json.dump(2) + "\n");
}

void write_fit_csv(const std::filesystem::path& file, const input::MeasuredData& data,
                   const Eigen::VectorXd& fitted) {
  io::CsvTable csv({"time_h", "cell", "column", "measured", "fitted"});
  for (std::size_t i = 0; i < data.points.size(); ++i) {
    const auto& point = data.points[i];
    io::CsvLine line;
    line.number(point.time_h)
        .text(point.cell)
        .text(point.column)
        .number(point.value)
        .number(fitted[static_cast<Eigen::Index>(i)]);
    csv.add(line);
  }
  io::write_file_atomically(file, csv.text());
}

}  // namespace dermaflux::fit
