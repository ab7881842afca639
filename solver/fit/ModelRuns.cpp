#include "fit/ModelRuns.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "batch/BatchRunner.hpp"
#include "input/CaseWriter.hpp"
#include "input/CsvFields.hpp"
#include "io/RunCsv.hpp"
#include "run/Checkpoint.hpp"
#include "timestep/FilmCompartment.hpp"

namespace dermaflux::fit {
namespace {

namespace fs = std::filesystem;

// timeseries.csv: numbers only, a header naming the columns.
struct Timeseries {
  std::vector<std::string> columns;
  std::vector<std::vector<double>> rows;
};

Timeseries read_timeseries(const fs::path& file) {
  std::ifstream in(file);
  if (!in) throw IoError("cannot read " + file.string() + " of a model run of the fit");
  Timeseries table;
  std::string line;
  if (std::getline(in, line)) table.columns = input::csv_field_texts(line);
  while (std::getline(in, line)) {
    std::vector<double> row;
    for (const auto& field : input::csv_field_texts(line))
      row.push_back(std::strtod(field.c_str(), nullptr));
    table.rows.push_back(std::move(row));
  }
  return table;
}

double interpolate(const Timeseries& table, std::size_t column, double time_h) {
  const auto& rows = table.rows;
  if (rows.empty()) throw IoError("a model run of the fit wrote no rows");
  if (time_h <= rows.front()[0]) return rows.front()[column];
  for (std::size_t r = 1; r < rows.size(); ++r) {
    if (time_h > rows[r][0]) continue;
    const double t0 = rows[r - 1][0], t1 = rows[r][0];
    const double w = t1 > t0 ? (time_h - t0) / (t1 - t0) : 1.0;
    return rows[r - 1][column] + w * (rows[r][column] - rows[r - 1][column]);
  }
  return rows.back()[column];
}

}  // namespace

std::vector<std::string> timeseries_columns(const input::Case& c) {
  std::vector<std::string> names;
  for (const auto& layer : c.layers) names.push_back(layer.name);
  return input::csv_field_texts(
      io::timeseries_header(names, timestep::has_film_compartment(c.serum)));
}

input::Case with_output_times(input::Case c, const std::vector<double>& times_h) {
  auto& outputs = c.time.output_times_s;
  for (const double time_h : times_h) {
    const double time_s = time_h * 3600.0;
    if (time_s <= 0.0 || time_s > c.time.end_s) continue;
    const bool present = std::any_of(outputs.begin(), outputs.end(), [&](double t) {
      return std::abs(t - time_s) <= 1e-9 * std::max(1.0, time_s);
    });
    if (!present) outputs.push_back(time_s);
  }
  std::sort(outputs.begin(), outputs.end());
  return c;
}

Eigen::VectorXd residual_scales(const input::MeasuredData& data) {
  std::map<std::string, double> largest;
  for (const auto& point : data.points)
    largest[point.column] = std::max(largest[point.column], std::abs(point.value));
  Eigen::VectorXd scales(static_cast<Eigen::Index>(data.points.size()));
  for (std::size_t i = 0; i < data.points.size(); ++i) {
    const auto& point = data.points[i];
    double floor = 0.01 * largest[point.column];
    if (!(floor > 0.0)) floor = 1.0;  // a column of zeros: absolute residuals
    scales[static_cast<Eigen::Index>(i)] =
        point.sd ? *point.sd : std::max(std::abs(point.value), floor);
  }
  return scales;
}

Eigen::VectorXd model_at(const fs::path& run_folder, const input::MeasuredData& data) {
  const Timeseries table = read_timeseries(run_folder / "timeseries.csv");
  Eigen::VectorXd values(static_cast<Eigen::Index>(data.points.size()));
  for (std::size_t i = 0; i < data.points.size(); ++i) {
    const auto& point = data.points[i];
    const auto found = std::find(table.columns.begin(), table.columns.end(), point.column);
    if (found == table.columns.end())
      throw IoError(run_folder.string() + "/timeseries.csv has no column " + point.column);
    values[static_cast<Eigen::Index>(i)] =
        interpolate(table, static_cast<std::size_t>(found - table.columns.begin()), point.time_h);
  }
  return values;
}

ModelRuns::ModelRuns(const FitSpec& spec, const input::MeasuredData& data, RunSettings settings)
    : spec_(spec), data_(data), settings_(std::move(settings)) {
  measured_.resize(static_cast<Eigen::Index>(data.points.size()));
  for (std::size_t i = 0; i < data.points.size(); ++i) {
    measured_[static_cast<Eigen::Index>(i)] = data.points[i].value;
    times_h_.push_back(data.points[i].time_h);
  }
  scales_ = residual_scales(data);
}

input::Case ModelRuns::case_for(const Values& values) const {
  input::Case c = with_output_times(case_with(spec_, values), times_h_);
  c.output.vtk = false;  // the fit reads timeseries.csv alone
  return c;
}

std::vector<Eigen::VectorXd> ModelRuns::model_values(const std::vector<Values>& batch) const {
  // One run per distinct case: two equal parameter vectors share a folder.
  std::vector<batch::BatchCase> cases;
  std::vector<std::string> folders;
  for (const auto& values : batch) {
    input::Case c = case_for(values);
    folders.push_back(run::fingerprint(input::write_case_yaml(c)));
    if (std::none_of(cases.begin(), cases.end(),
                     [&](const batch::BatchCase& item) { return item.folder == folders.back(); }))
      cases.push_back({cases.size(), folders.back(), {}, std::move(c)});
  }
  batch::BatchOptions options;
  options.output_dir = settings_.runs_dir;
  options.jobs = settings_.jobs;
  options.threads = settings_.threads;
  options.stop_requested = settings_.stop_requested;
  const batch::BatchOutcome outcome =
      settings_.run_batch ? settings_.run_batch(cases, options) : batch::run_batch(cases, options);
  if (!outcome.failures.empty())
    throw NumericalError("a model run of the fit failed: " + outcome.failures.front() +
                         " (narrow the bounds to values the case can run)");
  std::vector<Eigen::VectorXd> values;
  for (const auto& folder : folders) values.push_back(model_at(settings_.runs_dir / folder, data_));
  return values;
}

BatchModel ModelRuns::residual_model() const {
  return [this](const std::vector<Values>& batch) {
    std::vector<Residuals> residuals;
    for (const auto& model : model_values(batch))
      residuals.push_back((measured_ - model).cwiseQuotient(scales_));
    return residuals;
  };
}

}  // namespace dermaflux::fit
