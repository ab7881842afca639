#include <array>
#include <charconv>
#include <cmath>
#include <optional>

#include "input/CaseSections.hpp"

// The numerical and output settings: mesh, domain, solver, output. All optional,
// each key with its default in Case.hpp.

namespace dermaflux::input {
namespace {

// A lateral cell count above this per axis is a unit slip (width: 5 m), and would
// exhaust memory long before a solve starts.
constexpr double kMaxLateralCells = 100000.0;

std::string count_text(double count) {
  std::array<char, 32> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), count,
                                    std::chars_format::general, 6);
  return std::string(buffer.data(), result.ptr);
}

template <typename Choice>
Choice read_choice(const Located& at,
                   const std::vector<std::pair<std::string_view, Choice>>& choices) {
  std::string expected;
  std::vector<std::string_view> words;
  for (const auto& [word, choice] : choices) {
    expected += (expected.empty() ? "" : " or ") + std::string(word);
    words.push_back(word);
  }
  const std::string text = read_string(at, expected);
  for (const auto& [word, choice] : choices) {
    if (text == word) return choice;
  }
  const auto suggestion = closest_match(text, words);
  fail(at, expected, suggestion ? "did you mean \"" + *suggestion + "\"?" : "");
}

double lateral_extent(const Mapping& domain, std::string_view key, const MeshSettings& mesh) {
  const std::optional<Located> at = domain.find(key);
  // Intact skin is laterally uniform, so one column of cells is exact; needle
  // patterns bring their own period as the default (needles/NeedleChecks.cpp).
  if (!at) return mesh.lateral_spacing_m;
  const double extent_m = read_quantity(*at, Dimension::Length, Sign::Positive);
  const double cells = std::ceil(extent_m / mesh.lateral_spacing_m * (1.0 - 1e-12));
  if (cells > kMaxLateralCells) {
    fail(*at,
         "at most 100000 cells of mesh.lateral_spacing (" +
             format_friendly(mesh.lateral_spacing_m, Dimension::Length) + ") across",
         "that is " + count_text(cells) + " cells; reduce it or raise mesh.lateral_spacing");
  }
  return extent_m;
}

}  // namespace

MeshSettings read_mesh(const Located& at) {
  const Mapping mesh(at,
                     {"lateral_spacing", "min_cells_per_layer", "growth", "max_vertical_spacing",
                      "channel_spacing"},
                     "the mesh settings: a mapping");
  MeshSettings result;
  if (const auto spacing_at = mesh.find("lateral_spacing")) {
    result.lateral_spacing_m = read_quantity(*spacing_at, Dimension::Length, Sign::Positive);
  }
  if (const auto cells_at = mesh.find("min_cells_per_layer")) {
    const std::string expected = "a whole number from 1 to 1000 such as 4";
    const long long cells = read_integer(*cells_at, expected);
    if (cells < 1 || cells > 1000) fail(*cells_at, expected);
    result.min_cells_per_layer = static_cast<int>(cells);
  }
  if (const auto growth_at = mesh.find("growth")) {
    const std::string expected =
        "a number from 1 to 3 such as 1.2 (largest ratio of neighbouring cell heights)";
    result.growth = read_number(*growth_at, expected);
    if (!(result.growth >= 1.0 && result.growth <= 3.0)) fail(*growth_at, expected);
  }
  if (const auto spacing_at = mesh.find("max_vertical_spacing")) {
    result.max_vertical_spacing_m = read_quantity(*spacing_at, Dimension::Length, Sign::Positive);
  }
  // Lateral cell size around the needle channels; `auto` (0) lets the mesh builder
  // choose one that resolves the channel radii.
  if (const auto spacing_at = mesh.find("channel_spacing")) {
    const bool automatic = spacing_at->node.IsScalar() && spacing_at->node.Scalar() == "auto";
    if (!automatic) {
      result.channel_spacing_m =
          read_quantity(*spacing_at, Dimension::Length, Sign::Positive,
                        describe_quantity(Dimension::Length, Sign::Positive) + ", or auto");
    }
  }
  return result;
}

Domain default_domain(const MeshSettings& mesh) {
  Domain result;
  result.width_m = mesh.lateral_spacing_m;
  result.length_m = mesh.lateral_spacing_m;
  return result;
}

Domain read_domain(const Located& at, const MeshSettings& mesh) {
  const Mapping domain(at, {"lateral", "bottom", "width", "length"},
                       "the domain settings: a mapping");
  Domain result = default_domain(mesh);
  if (const auto lateral_at = domain.find("lateral")) {
    result.lateral = read_choice<LateralBoundary>(
        *lateral_at,
        {{"periodic", LateralBoundary::Periodic}, {"no_flux", LateralBoundary::NoFlux}});
  }
  if (const auto bottom_at = domain.find("bottom")) {
    result.bottom = read_choice<BottomBoundary>(
        *bottom_at, {{"sink", BottomBoundary::Sink}, {"no_flux", BottomBoundary::NoFlux}});
  }
  result.width_m = lateral_extent(domain, "width", mesh);
  result.length_m = lateral_extent(domain, "length", mesh);
  return result;
}

SolverSettings read_solver(const Located& at) {
  const Mapping solver(at, {"linear_tolerance", "max_iterations", "backend"},
                       "the solver settings: a mapping");
  SolverSettings result;
  if (const auto tolerance_at = solver.find("linear_tolerance")) {
    const std::string expected = "a number above 1e-16 and at most 1e-3 such as 1e-12";
    result.linear_tolerance = read_number(*tolerance_at, expected);
    if (!(result.linear_tolerance > 1e-16 && result.linear_tolerance <= 1e-3)) {
      fail(*tolerance_at, expected);
    }
  }
  if (const auto iterations_at = solver.find("max_iterations")) {
    const std::string expected = "a whole number from 1 to 1000000 such as 5000";
    const long long iterations = read_integer(*iterations_at, expected);
    if (iterations < 1 || iterations > 1000000) fail(*iterations_at, expected);
    result.max_iterations = static_cast<int>(iterations);
  }
  if (const auto backend_at = solver.find("backend")) {
    result.backend = read_choice<LinearBackend>(
        *backend_at, {{"dermaflux", LinearBackend::Dermaflux}, {"hypre", LinearBackend::Hypre}});
#ifndef DERMAFLUX_HAVE_HYPRE
    if (result.backend == LinearBackend::Hypre) {
      fail(*backend_at, "dermaflux (this build has no hypre)",
           "install libhypre-dev and rebuild with -DDERMAFLUX_WITH_HYPRE=ON, or remove the key");
    }
#endif
  }
  return result;
}

OutputSettings default_output(const std::string& case_name) {
  OutputSettings result;
  result.directory = std::filesystem::path("results") / case_name;
  return result;
}

OutputSettings read_output(const Located& at, const std::string& case_name) {
  const Mapping output(at, {"directory", "vtk"}, "the output settings: a mapping");
  OutputSettings result = default_output(case_name);
  if (const auto directory_at = output.find("directory")) {
    const std::string expected = "a folder path such as results/my-case";
    const std::string directory = read_string(*directory_at, expected);
    if (directory.empty()) fail(*directory_at, expected);
    result.directory = directory;
  }
  if (const auto vtk_at = output.find("vtk")) result.vtk = read_bool(*vtk_at);
  return result;
}

}  // namespace dermaflux::input
