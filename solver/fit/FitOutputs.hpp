#pragma once
// The files a finished `dermaflux fit` leaves besides the final run's folder
// (CASE_FORMAT.md, "Fitting to measured data"): fit.json (written last, so a folder
// with one holds a finished fit) and fit.csv (time_h, cell, column, measured, fitted).

#include <filesystem>
#include <string>
#include <vector>

#include "fit/FitFile.hpp"
#include "fit/LeastSquares.hpp"
#include "fit/Uncertainty.hpp"
#include "input/MeasuredData.hpp"

namespace dermaflux::fit {

struct FitReport {
  LeastSquaresResult result;
  Uncertainty uncertainty;
  long runs = 0;  // every model run, the final Jacobian's and the final run included
  std::size_t observations = 0;
  std::string weighting;  // "sd", "relative" or "sd where given, else relative"
  double wall_s = 0.0;
  std::vector<std::string> warnings;
};

// The human warnings: not converged, parameters not identifiable or at a bound, too
// few observations.
std::vector<std::string> fit_warnings(const FitSpec& spec, const FitReport& report);

void write_fit_json(const std::filesystem::path& file, const FitSpec& spec,
                    const FitReport& report);

void write_fit_csv(const std::filesystem::path& file, const input::MeasuredData& data,
                   const Eigen::VectorXd& fitted);

}  // namespace dermaflux::fit
