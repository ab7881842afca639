#pragma once
// The readers of the case file's sections, one file each; CaseReader.cpp runs them in
// order. Each takes the section's located node, checks every key and value, fills in
// the defaults and throws InputError at the first problem. Private to solver/input.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "input/Case.hpp"
#include "input/YamlFields.hpp"

namespace dermaflux::input {

// A whole case from its parsed root (read_case_text, and sweeps after they set
// their values into the base case's tree); `serum`, when given, in place of its own.
Case read_case_root(const Located& root, const std::filesystem::path& base_dir,
                    const std::optional<Serum>& serum = {});

// `skin:` -> the layers, surface down (with a preset merged in), and the preset name.
// A layer without diffusivity or partition gets an estimate from the serum's
// molecular weight and log P (input/Estimates.hpp), recorded in `estimates`.
struct SkinSection {
  std::string preset;
  std::vector<Layer> layers;
  std::vector<Estimate> estimates;
};
SkinSection read_skin(const Located& skin, const std::filesystem::path& base_dir,
                      const Serum& serum);

// `serum:` (with a preset merged in); `times_at` receives where each application and
// wipe-off time was written, for check_regimen_times once time.end is known. A serum
// file (`compare --serums`) is a preset: its `vehicle:` keys, like a serum preset's, count
// only in a case that names a vehicle, so a compared serum runs without one.
struct RegimenTimesAt;
Serum read_serum(const Located& serum, const std::filesystem::path& base_dir,
                 bool is_serum_file = false);
Serum read_serum(const Located& serum, const std::filesystem::path& base_dir,
                 RegimenTimesAt& times_at, bool is_serum_file = false);

// `exposure:`, read after the serum: it needs serum.area.
Exposure read_exposure(const Located& exposure, const Serum& serum, const Located& serum_at);

// `time:` -> end, resolved output times, step controls.
TimeSettings read_time(const Located& time);

// `needles:` (with a device preset merged in), read after the skin, the mesh and the
// domain: the pattern's period becomes the domain's default extent, and the pattern is
// checked against the domain and its channels against the skin's thickness. Returns
// the needles and the domain with its extent filled in. `closure_half_life: auto` takes
// the occluded or non_occluded half-life as `serum_occluded` says.
struct NeedlesSection {
  Needles needles;
  Domain domain;
};
NeedlesSection read_needles(const Located& needles, const std::filesystem::path& base_dir,
                            const std::vector<Layer>& layers,
                            const std::optional<Located>& domain_at, const MeshSettings& mesh,
                            Domain domain, bool serum_occluded);

// `mesh:`, `domain:` (its defaults depend on the mesh), `solver:`, `output:`.
MeshSettings read_mesh(const Located& mesh);
Domain read_domain(const Located& domain, const MeshSettings& mesh);
Domain default_domain(const MeshSettings& mesh);
SolverSettings read_solver(const Located& solver);
OutputSettings read_output(const Located& output, const std::string& case_name);
OutputSettings default_output(const std::string& case_name);

// `sources:` and `description:` in preset files: documentation, a string or a list of
// strings; checked for shape only.
void check_documentation(const Located& at);

}  // namespace dermaflux::input
