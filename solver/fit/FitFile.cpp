#include "fit/FitFile.hpp"

#include <charconv>
#include <cmath>

#include "input/CaseSections.hpp"
#include "input/Sweep.hpp"
#include "input/YamlDocument.hpp"

namespace dermaflux::fit {
namespace {

using input::Dimension;
using input::Located;

const std::string kFitExpected = "a fit: a mapping with base, measured, fit and optionally output";
const std::string kFitKeysExpected =
    "the parameters to fit: key paths into the case (skin.layers[0].diffusivity, "
    "skin.layers.stratum_corneum.partition) each with bounds [low, high]";
const std::string kBoundsExpected =
    "bounds [low, high]: two numbers or two quantities of the key's dimension, low < high "
    "(such as [1e-11 cm^2/s, 1e-7 cm^2/s] or [0.05, 20])";

// The dimensions a bound may have; the first that parses names it.
constexpr Dimension kDimensions[] = {
    Dimension::Diffusivity, Dimension::Length,         Dimension::Time,    Dimension::Concentration,
    Dimension::MolarMass,   Dimension::Rate,           Dimension::PerArea, Dimension::Area,
    Dimension::Mass,        Dimension::EvaporationRate};

std::optional<double> plain_number(const std::string& text) {
  double value = 0.0;
  const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
  if (result.ec != std::errc() || result.ptr != text.data() + text.size() || !std::isfinite(value))
    return std::nullopt;
  return value;
}

struct Bound {
  std::optional<Dimension> dimension;
  double value_si = 0.0;
};

Bound read_bound(const Located& at) {
  if (!at.node.IsScalar()) input::fail(at, kBoundsExpected);
  const std::string text = at.node.Scalar();
  if (const auto number = plain_number(text)) return {std::nullopt, *number};
  for (const Dimension dimension : kDimensions) {
    try {
      return {dimension, input::parse_quantity(text, dimension)};
    } catch (const input::UnitError&) {
    }
  }
  input::fail(at, kBoundsExpected);
}

FitParameter read_parameter(const std::string& key, const Located& at) {
  const auto bounds = input::list_elements(at, kBoundsExpected);
  if (bounds.size() != 2) input::fail(at, kBoundsExpected);
  const Bound low = read_bound(bounds[0]);
  const Bound high = read_bound(bounds[1]);
  if (low.dimension != high.dimension)
    input::fail_found(at, kBoundsExpected, "bounds of two different dimensions");
  if (!(low.value_si < high.value_si)) input::fail_found(at, kBoundsExpected, "low >= high");
  FitParameter parameter{key, at, low.dimension, low.value_si, high.value_si, false};
  parameter.log_space = low.value_si > 0.0 && high.value_si / low.value_si > 10.0;
  return parameter;
}

}  // namespace

std::string value_text(const FitParameter& parameter, double value_si) {
  if (parameter.dimension) return input::format_si(value_si, *parameter.dimension);
  char text[64];
  const auto result = std::to_chars(text, text + sizeof text, value_si);
  return std::string(text, result.ptr);
}

std::string unit_text(const FitParameter& parameter) {
  return parameter.dimension ? input::si_unit(*parameter.dimension) : "";
}

input::Case case_with(const FitSpec& spec, const std::vector<double>& values_si) {
  // A fresh tree: assigning into the shared base would write through to it.
  const Located tree{YAML::Clone(spec.base.node), spec.base.file, spec.base.path, spec.base.where,
                     spec.base.key_where};
  std::vector<std::string> canonical;
  for (std::size_t p = 0; p < spec.parameters.size(); ++p) {
    const FitParameter& parameter = spec.parameters[p];
    canonical.push_back(input::set_key_path(tree.node, parameter.key, parameter.at,
                                            YAML::Node(value_text(parameter, values_si[p]))));
  }
  try {
    return input::read_case_root(tree, spec.base_file.parent_path());
  } catch (const InputError& error) {
    // Blame the fit file when the problem is in a value it set.
    for (std::size_t p = 0; p < spec.parameters.size(); ++p) {
      const std::string& path = canonical[p];
      const std::string& found = error.key_path();
      if (found == path || found.rfind(path + ".", 0) == 0 || found.rfind(path + "[", 0) == 0)
        throw InputError(spec.parameters[p].at.where, spec.parameters[p].at.path, error.expected(),
                         error.found(),
                         "with " + value_text(spec.parameters[p], values_si[p]) + " at " +
                             error.key_path() + " of the base case");
    }
    throw;
  }
}

FitSpec read_fit_file(const std::filesystem::path& fit_file) {
  const Located root =
      input::load_yaml_text(input::read_text_file(fit_file), fit_file.string(), kFitExpected);
  const input::Mapping top(root, {"base", "measured", "fit", "output"}, kFitExpected);
  const std::filesystem::path dir = fit_file.parent_path();
  FitSpec spec;
  spec.fit_file = fit_file;
  spec.base_file = dir / input::read_string(top.require("base", "the base case file"),
                                            "the base case file, such as franz_case.yaml");
  spec.measured_file = dir / input::read_string(top.require("measured", "the measured data file"),
                                                "the measured data file, such as franz_cells.csv");
  if (const auto output = top.find("output")) {
    const std::string folder = input::read_string(*output, "an output folder such as results/fit1");
    if (folder.empty()) input::fail(*output, "an output folder such as results/fit1");
    spec.output_dir = folder;
  } else {
    spec.output_dir = std::filesystem::path("results") / fit_file.stem();
  }

  const Located fit = top.require("fit", kFitKeysExpected);
  if (!fit.node.IsMap() || fit.node.size() == 0) input::fail(fit, kFitKeysExpected);
  for (auto it = fit.node.begin(); it != fit.node.end(); ++it) {
    const std::string key = it->first.Scalar();
    const Located at{it->second, fit.file, input::child_path("fit", key),
                     input::location_of(it->second.Mark(), fit.file),
                     input::location_of(it->first.Mark(), fit.file)};
    for (const auto& earlier : spec.parameters)
      if (earlier.key == key) input::fail_found(at, "each key path once", "\"" + key + "\" twice");
    spec.parameters.push_back(read_parameter(key, at));
  }

  spec.base = input::load_yaml_text(input::read_text_file(spec.base_file), spec.base_file.string(),
                                    "a case: a mapping with name, skin, serum and time");
  // Both bounds must make a valid case: a key the case has no place for, or a bound
  // of the wrong dimension, fails here, at the bounds.
  std::vector<double> lows, highs;
  for (const auto& parameter : spec.parameters) {
    lows.push_back(parameter.low);
    highs.push_back(parameter.high);
  }
  (void)case_with(spec, lows);
  (void)case_with(spec, highs);
  return spec;
}

}  // namespace dermaflux::fit
