#pragma once
// Fit files for `dermaflux fit` (CASE_FORMAT.md, "Fitting to measured data"):
//
//   base: franz_case.yaml               # a case file; relative to the fit file
//   measured: franz_cells.csv           # long CSV (input/MeasuredData.hpp)
//   fit:                                # key paths into the case, each with [low, high]
//     skin.layers[0].diffusivity: [1e-11 cm^2/s, 1e-7 cm^2/s]
//     skin.layers[0].partition: [0.05, 20]
//   output: results/fit1                # default results/<fit file name>
//
// The key paths are those of `dermaflux batch` (input::set_key_path). Each bound is
// checked by reading the base case with it set, so a key path the case has no place
// for, or a bound of the wrong dimension, fails located at the fit file's bounds.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "input/Case.hpp"
#include "input/Units.hpp"
#include "input/YamlFields.hpp"

namespace dermaflux::fit {

struct FitParameter {
  std::string key;                            // as written in the fit file
  input::Located at;                          // its [low, high]
  std::optional<input::Dimension> dimension;  // nullopt: a plain number (a partition)
  double low = 0.0, high = 0.0;               // SI
  // Fitted as log(value): positive bounds spanning more than a decade.
  bool log_space = false;
};

struct FitSpec {
  std::filesystem::path fit_file, base_file, measured_file, output_dir;
  std::vector<FitParameter> parameters;
  input::Located base;  // the base case's YAML tree (never modified: cloned per case)
};

// Reads a fit file and checks every key path and bound against the base case.
FitSpec read_fit_file(const std::filesystem::path& fit_file);

// The base case with the parameters set to `values_si` (in the order of
// spec.parameters), read and validated like a case file; an error in a value it set
// is located at that parameter's bounds.
input::Case case_with(const FitSpec& spec, const std::vector<double>& values_si);

// The value as it is written into the case ("1.5e-14 m^2/s", "0.8").
std::string value_text(const FitParameter& parameter, double value_si);
// The SI unit ("m^2/s"); empty for a plain number (a partition coefficient).
std::string unit_text(const FitParameter& parameter);

}  // namespace dermaflux::fit
