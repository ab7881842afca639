#include "input/CaseReader.hpp"

#include <cstdlib>

#include "input/CaseSections.hpp"
#include "input/Names.hpp"
#include "input/SerumRegimen.hpp"
#include "input/YamlDocument.hpp"

// The whole case file: its top-level keys, the case name, and the order in which the
// sections are read (mesh before domain, whose defaults depend on it; needles after both
// and after the skin: they size the domain and must fit in the skin; exposure after the
// serum, whose area it needs; the serum's application and wipe-off times once time.end
// is read).

#ifndef DERMAFLUX_CASES_DIR
// The build sets this to the source tree's cases/ folder; a build that does not still
// finds presets next to the case file and under DERMAFLUX_CASES.
#define DERMAFLUX_CASES_DIR "cases"
#endif

namespace dermaflux::input {
namespace {

const std::string kCaseExpected = "a case: a mapping with name, skin, serum and time";
const std::string kNameExpected =
    "a case name of 1 to 100 letters, digits, _ . - (not only dots) such as caffeine-24h";

std::string read_name(const Located& at) {
  std::string name = read_string(at, kNameExpected);
  if (!is_file_name(name)) {
    fail(at, kNameExpected,
         "the name becomes a file and folder name, so it cannot hold / or spaces");
  }
  return name;
}

}  // namespace

std::filesystem::path project_cases_dir() {
  if (const char* from_environment = std::getenv("DERMAFLUX_CASES");
      from_environment != nullptr && *from_environment != '\0') {
    return from_environment;
  }
  return DERMAFLUX_CASES_DIR;
}

Case read_case(const std::filesystem::path& case_file, const std::optional<Serum>& serum) {
  return read_case_text(read_text_file(case_file), case_file.string(), case_file.parent_path(),
                        serum);
}

Case read_case_text(const std::string& yaml_text, const std::string& file_label,
                    const std::filesystem::path& base_dir, const std::optional<Serum>& serum) {
  return read_case_root(load_yaml_text(yaml_text, file_label, kCaseExpected), base_dir, serum);
}

Case read_case_root(const Located& root, const std::filesystem::path& base_dir,
                    const std::optional<Serum>& serum) {
  const std::string& file_label = root.file;
  const Mapping top(root,
                    {"name", "skin", "serum", "exposure", "needles", "domain", "mesh", "time",
                     "solver", "output"},
                    kCaseExpected);

  Case result;
  result.source_file = file_label;
  result.name = read_name(top.require("name", kNameExpected));

  // The serum first: layers without diffusivity or partition are estimated from
  // its molecular weight and log P. A serum given in its place is estimated from
  // instead, exactly as if it were written in (the case's own is still checked).
  const Located serum_at =
      top.require("serum", "the serum: a mapping with concentration, dose and diffusivity");
  RegimenTimesAt times_at;
  result.serum = read_serum(serum_at, base_dir, times_at);
  if (serum) {
    Serum compared = *serum;
    take_case_regimen(result.serum, compared);
    result.serum = std::move(compared);
    times_at = {};  // its times are checked, located at the case's serum
  }
  if (const auto exposure = top.find("exposure")) {
    result.exposure = read_exposure(*exposure, result.serum, serum_at);
  }

  SkinSection skin =
      read_skin(top.require("skin", "the skin: a mapping with layers (and optionally a preset)"),
                base_dir, result.serum);
  result.skin_preset = std::move(skin.preset);
  result.layers = std::move(skin.layers);
  result.estimates = std::move(skin.estimates);

  if (const auto mesh = top.find("mesh")) result.mesh = read_mesh(*mesh);
  const auto domain = top.find("domain");
  result.domain = domain ? read_domain(*domain, result.mesh) : default_domain(result.mesh);
  if (const auto needles = top.find("needles")) {
    NeedlesSection section = read_needles(*needles, base_dir, result.layers, domain, result.mesh,
                                          result.domain, result.serum.occluded);
    result.needles = std::move(section.needles);
    result.domain = section.domain;
  }

  result.time = read_time(
      top.require("time", "the time settings: a mapping with end and output_every or outputs"));
  check_regimen_times(result.serum, times_at, result.time.end_s, serum_at);
  if (const auto solver = top.find("solver")) result.solver = read_solver(*solver);
  const auto output = top.find("output");
  result.output = output ? read_output(*output, result.name) : default_output(result.name);
  return result;
}

}  // namespace dermaflux::input
