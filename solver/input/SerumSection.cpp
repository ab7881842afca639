#include <optional>

#include "input/CaseSections.hpp"
#include "input/Presets.hpp"
#include "input/SerumRegimen.hpp"

// The serum comes from the case, from a serum preset, or from both: the preset file
// has the keys of the serum section (plus description and sources) and the case's
// keys override them one by one.

namespace dermaflux::input {
namespace {

const std::string kActiveExpected = "the name of the active, such as caffeine";
const std::string kDoseExpected =
    describe_quantity(Dimension::VolumePerArea, Sign::Positive) + ", or infinite";
const std::string kLogPExpected = "a number such as -0.07 (log10 of octanol/water partition)";
const std::string kPkaExpected = "a number from 0 to 14, such as 8.9 (the active's strongest ";
const std::string kPhExpected = "a number from 0 to 14, such as 7.4 (the vehicle's pH)";

// A pKa or pH: a number on the 0-14 scale of water.
double read_ph_scale(const Located& at, const std::string& expected) {
  const double value = read_number(at, expected);
  if (value < 0.0 || value > 14.0) fail(at, expected);
  return value;
}

// The serum as merged so far, with where each required value could be missing from.
struct SerumDraft {
  std::optional<std::string> active;
  std::optional<double> molar_mass_kg_mol;
  std::optional<double> log_p;
  std::optional<double> pka_acid;
  std::optional<double> pka_base;
  std::optional<double> vehicle_ph;
  std::optional<double> concentration_kg_m3;
  std::optional<bool> infinite_dose;
  double dose_m = 0.0;
  std::optional<double> diffusivity_m2_s;
  RegimenDraft regimen;
};

std::vector<std::string_view> serum_keys(std::vector<std::string_view> keys) {
  keys.insert(keys.end(), {"active", "molecular_weight", "log_p", "pka_acid", "pka_base", "ph",
                           "concentration", "dose", "diffusivity"});
  keys.insert(keys.end(), kRegimenKeys.begin(), kRegimenKeys.end());
  return keys;
}

// Reads the serum keys `fields` has, over what `draft` holds.
void read_fields(const Mapping& fields, bool from_preset, SerumDraft& draft) {
  if (const auto at = fields.find("active")) {
    draft.active = read_string(*at, kActiveExpected);
    if (draft.active->empty()) fail(*at, kActiveExpected);
  }
  if (const auto at = fields.find("molecular_weight")) {
    draft.molar_mass_kg_mol = read_quantity(*at, Dimension::MolarMass, Sign::Positive);
  }
  if (const auto at = fields.find("log_p")) draft.log_p = read_number(*at, kLogPExpected);
  if (const auto at = fields.find("pka_acid")) {
    draft.pka_acid = read_ph_scale(*at, kPkaExpected + "acid group's pKa)");
  }
  if (const auto at = fields.find("pka_base")) {
    draft.pka_base = read_ph_scale(*at, kPkaExpected + "base group's pKa, of its conjugate acid)");
  }
  if (const auto at = fields.find("ph")) draft.vehicle_ph = read_ph_scale(*at, kPhExpected);
  if (const auto at = fields.find("concentration")) {
    draft.concentration_kg_m3 = read_concentration(*at);
  }
  if (const auto at = fields.find("dose")) {
    draft.infinite_dose = at->node.IsScalar() && at->node.Scalar() == "infinite";
    draft.dose_m = 0.0;
    if (!*draft.infinite_dose) {
      if (at->node.IsScalar() && closest_match(at->node.Scalar(), {"infinite"})) {
        fail(*at, kDoseExpected, "did you mean \"infinite\"?");
      }
      draft.dose_m = read_film_dose(*at, kDoseExpected);
    }
  }
  if (const auto at = fields.find("diffusivity")) {
    draft.diffusivity_m2_s = read_quantity(*at, Dimension::Diffusivity, Sign::Positive);
  }
  read_regimen_fields(fields, from_preset, draft.regimen);
}

// The finite dose the serum preset gave, which each application of the case's own list
// takes unless it names one.
std::optional<double> finite_dose(const SerumDraft& draft) {
  if (draft.regimen.applications || !draft.infinite_dose || *draft.infinite_dose) return {};
  return draft.dose_m;
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

Serum read_serum(const Located& at, const std::filesystem::path& base_dir, bool is_serum_file) {
  RegimenTimesAt times_at;
  return read_serum(at, base_dir, times_at, is_serum_file);
}

Serum read_serum(const Located& at, const std::filesystem::path& base_dir, RegimenTimesAt& times_at,
                 bool is_serum_file) {
  const Mapping serum(at, serum_keys({"preset"}),
                      "the serum: a mapping with concentration, dose and diffusivity");
  SerumDraft draft;
  Serum result;
  if (const auto preset_at = serum.find("preset")) {
    const std::string what_it_is =
        "a serum preset: a mapping with the keys of a case's serum section";
    const Preset preset = load_preset(*preset_at, "serums", base_dir, what_it_is);
    const Mapping fields(preset.root, serum_keys({"description", "sources"}), what_it_is);
    for (const std::string_view key : {"description", "sources"}) {
      if (const auto doc = fields.find(key)) check_documentation(*doc);
    }
    read_fields(fields, true, draft);
    result.preset = preset.name;
  }
  const std::optional<double> preset_dose_m = finite_dose(draft);
  read_fields(serum, is_serum_file, draft);

  result.active = draft.active.value_or(result.preset.empty() ? "active" : result.preset);
  result.molar_mass_kg_mol = draft.molar_mass_kg_mol;
  result.log_p = draft.log_p;
  result.pka_acid = draft.pka_acid;
  result.pka_base = draft.pka_base;
  result.vehicle_ph = draft.vehicle_ph;
  resolve_regimen(draft.regimen, base_dir, preset_dose_m, draft.concentration_kg_m3, result,
                  times_at);
  if (!result.applications.empty()) {
    // A list: the first application is the dose; the serum's concentration is the first
    // one's when every application names its own.
    result.concentration_kg_m3 =
        draft.concentration_kg_m3.value_or(result.applications.front().concentration_kg_m3);
    result.dose_m = result.applications.front().dose_m;
  } else {
    result.concentration_kg_m3 =
        required(draft.concentration_kg_m3, serum, "concentration",
                 describe_quantity(Dimension::Concentration, Sign::Positive), result.preset);
    result.infinite_dose =
        required(draft.infinite_dose, serum, "dose", kDoseExpected, result.preset);
    result.dose_m = draft.dose_m;
    if (!result.infinite_dose)
      result.applications.push_back({0.0, result.dose_m, result.concentration_kg_m3});
  }
  result.diffusivity_m2_s =
      required(draft.diffusivity_m2_s, serum, "diffusivity",
               describe_quantity(Dimension::Diffusivity, Sign::Positive), result.preset);
  return result;
}

}  // namespace dermaflux::input
