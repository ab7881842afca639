#include <optional>

#include "input/CaseSections.hpp"
#include "input/Presets.hpp"

// The serum comes from the case, from a serum preset, or from both: the preset file
// has the keys of the serum section (plus description and sources) and the case's
// keys override them one by one.

namespace dermaflux::input {
namespace {

const std::string kActiveExpected = "the name of the active, such as caffeine";
const std::string kDoseExpected =
    describe_quantity(Dimension::VolumePerArea, Sign::Positive) + ", or infinite";
const std::string kLogPExpected = "a number such as -0.07 (log10 of octanol/water partition)";

// The serum as merged so far, with where each required value could be missing from.
struct SerumDraft {
  std::optional<std::string> active;
  std::optional<double> molar_mass_kg_mol;
  std::optional<double> log_p;
  std::optional<double> concentration_kg_m3;
  std::optional<bool> infinite_dose;
  double dose_m = 0.0;
  std::optional<double> diffusivity_m2_s;
};

// Reads the serum keys `fields` has, over what `draft` holds.
void read_fields(const Mapping& fields, SerumDraft& draft) {
  if (const auto at = fields.find("active")) {
    draft.active = read_string(*at, kActiveExpected);
    if (draft.active->empty()) fail(*at, kActiveExpected);
  }
  if (const auto at = fields.find("molecular_weight")) {
    draft.molar_mass_kg_mol = read_quantity(*at, Dimension::MolarMass, Sign::Positive);
  }
  if (const auto at = fields.find("log_p")) draft.log_p = read_number(*at, kLogPExpected);
  if (const auto at = fields.find("concentration")) {
    draft.concentration_kg_m3 = read_quantity(*at, Dimension::Concentration, Sign::Positive);
  }
  if (const auto at = fields.find("dose")) {
    draft.infinite_dose = at->node.IsScalar() && at->node.Scalar() == "infinite";
    draft.dose_m = 0.0;
    if (!*draft.infinite_dose) {
      if (at->node.IsScalar() && closest_match(at->node.Scalar(), {"infinite"})) {
        fail(*at, kDoseExpected, "did you mean \"infinite\"?");
      }
      draft.dose_m = read_quantity(*at, Dimension::VolumePerArea, Sign::Positive, kDoseExpected);
    }
  }
  if (const auto at = fields.find("diffusivity")) {
    draft.diffusivity_m2_s = read_quantity(*at, Dimension::Diffusivity, Sign::Positive);
  }
}

template <typename T>
T required(const std::optional<T>& value, const Mapping& serum, std::string_view key,
           const std::string& expected, const std::string& preset) {
  if (value) return *value;
  Located missing = serum.self();
  missing.path = child_path(serum.self().path, key);
  fail_found(missing, expected, "no \"" + std::string(key) + "\" key",
             preset.empty() ? "add \"" + std::string(key) + ":\" to the serum"
                            : "neither the case nor the serum preset \"" + preset +
                                  "\" gives it; add \"" + std::string(key) + ":\" to the serum");
}

}  // namespace

Serum read_serum(const Located& at, const std::filesystem::path& base_dir) {
  const Mapping serum(
      at, {"preset", "active", "molecular_weight", "log_p", "concentration", "dose", "diffusivity"},
      "the serum: a mapping with concentration, dose and diffusivity");
  SerumDraft draft;
  Serum result;
  if (const auto preset_at = serum.find("preset")) {
    const std::string what_it_is =
        "a serum preset: a mapping with the keys of a case's serum section";
    const Preset preset = load_preset(*preset_at, "serums", base_dir, what_it_is);
    const Mapping fields(preset.root,
                         {"description", "sources", "active", "molecular_weight", "log_p",
                          "concentration", "dose", "diffusivity"},
                         what_it_is);
    for (const std::string_view key : {"description", "sources"}) {
      if (const auto doc = fields.find(key)) check_documentation(*doc);
    }
    read_fields(fields, draft);
    result.preset = preset.name;
  }
  read_fields(serum, draft);

  result.active = draft.active.value_or(result.preset.empty() ? "active" : result.preset);
  result.molar_mass_kg_mol = draft.molar_mass_kg_mol;
  result.log_p = draft.log_p;
  result.concentration_kg_m3 =
      required(draft.concentration_kg_m3, serum, "concentration",
               describe_quantity(Dimension::Concentration, Sign::Positive), result.preset);
  result.infinite_dose = required(draft.infinite_dose, serum, "dose", kDoseExpected, result.preset);
  result.dose_m = draft.dose_m;
  if (!result.infinite_dose)
    result.applications.push_back({0.0, result.dose_m, result.concentration_kg_m3});
  result.diffusivity_m2_s =
      required(draft.diffusivity_m2_s, serum, "diffusivity",
               describe_quantity(Dimension::Diffusivity, Sign::Positive), result.preset);
  return result;
}

}  // namespace dermaflux::input
