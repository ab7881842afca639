#include "input/SerumRegimen.hpp"

#include <algorithm>

#include "input/CaseSections.hpp"
#include "input/Presets.hpp"

// Applications are sorted by time rather than refused when out of order: a sweep that
// varies serum.applications[1].at moves one application past another, and the film
// only cares when each one comes. Two wipe-offs at the same time are refused (one of
// them is a typing slip); a wipe-off with no film left simply removes nothing.

namespace dermaflux::input {
namespace {

const std::string kApplicationsExpected =
    "a list of applications such as [{at: 0 h, dose: 10 uL/cm^2}, {at: 12 h, dose: 5 uL/cm^2}]";
const std::string kApplicationExpected =
    "an application: a mapping with at, dose and optionally concentration";
const std::string kTimeNotBeforeZero = "a time not before 0 (the start of the run) such as 12 h";
const std::string kVehicleExpected =
    "the vehicle: a mapping with volatile_fraction, evaporation_rate, solubility (or a preset)";
const std::string kVolatileExpected =
    "a fraction from 0 up to (not including) 1 such as 0.9 (of each applied volume that can "
    "evaporate)";
const std::vector<std::string_view> kVehicleValueKeys{"volatile_fraction", "evaporation_rate",
                                                      "solubility"};
// More events than this is a typo, not a regimen (twice a day for 13 years); each one is
// a time the stepper must hit.
constexpr std::size_t kMaxEvents = 10000;

void check_count(const Located& list_at, std::size_t count, const std::string& what) {
  if (count > kMaxEvents) {
    fail_found(list_at, "at most " + std::to_string(kMaxEvents) + " " + what,
               std::to_string(count));
  }
}

double read_time_not_before_zero(const Located& at) {
  const double time_s = read_quantity(at, Dimension::Time, Sign::Any, kTimeNotBeforeZero);
  if (time_s < 0.0) fail(at, kTimeNotBeforeZero);
  return time_s;
}

// The vehicle as merged so far.
struct VehicleDraft {
  std::optional<double> volatile_fraction;
  std::optional<double> evaporation_rate_m_s;
  std::optional<double> solubility_kg_m3;
};

void read_vehicle_values(const Mapping& fields, VehicleDraft& draft) {
  if (const auto at = fields.find("volatile_fraction")) {
    const double fraction = read_number(*at, kVolatileExpected);
    if (!(fraction >= 0.0 && fraction < 1.0)) {
      fail(*at, kVolatileExpected,
           fraction >= 1.0 ? "a film that can evaporate entirely leaves nothing to hold the active"
                           : "");
    }
    draft.volatile_fraction = fraction;
  }
  if (const auto at = fields.find("evaporation_rate")) {
    draft.evaporation_rate_m_s = read_quantity(*at, Dimension::EvaporationRate, Sign::NonNegative);
  }
  if (const auto at = fields.find("solubility")) draft.solubility_kg_m3 = read_concentration(*at);
}

std::vector<std::string_view> with_keys(std::vector<std::string_view> keys,
                                        const std::vector<std::string_view>& more) {
  keys.insert(keys.end(), more.begin(), more.end());
  return keys;
}

// The solubility the serum presets gave (the last one that named one).
std::optional<double> preset_solubility(const RegimenDraft& draft) {
  VehicleDraft merged;
  for (const Located& preset_vehicle : draft.preset_vehicles) {
    read_vehicle_values(Mapping(preset_vehicle, kVehicleValueKeys, kVehicleExpected), merged);
  }
  return merged.solubility_kg_m3;
}

// serum preset's vehicle keys < the vehicle preset's < the case's own.
Vehicle read_vehicle(const RegimenDraft& draft, const std::filesystem::path& base_dir) {
  const Located& case_at = *draft.case_vehicle;
  const Mapping case_vehicle(case_at, with_keys({"preset"}, kVehicleValueKeys), kVehicleExpected);
  VehicleDraft merged;
  for (const Located& preset_vehicle : draft.preset_vehicles) {
    read_vehicle_values(Mapping(preset_vehicle, kVehicleValueKeys, kVehicleExpected), merged);
  }
  if (const auto preset_at = case_vehicle.find("preset")) {
    const std::string what_it_is =
        "a vehicle preset: a mapping with description, sources, volatile_fraction, "
        "evaporation_rate and optionally solubility";
    const Preset preset = load_preset(*preset_at, "vehicles", base_dir, what_it_is);
    const Mapping fields(preset.root, with_keys({"description", "sources"}, kVehicleValueKeys),
                         what_it_is);
    for (const std::string_view key : {"description", "sources"}) {
      if (const auto doc = fields.find(key)) check_documentation(*doc);
    }
    read_vehicle_values(fields, merged);
  }
  read_vehicle_values(case_vehicle, merged);

  Vehicle vehicle;
  vehicle.volatile_fraction = merged.volatile_fraction.value_or(0.0);
  vehicle.solubility_kg_m3 = merged.solubility_kg_m3;
  if (vehicle.volatile_fraction > 0.0 && !merged.evaporation_rate_m_s) {
    Located missing = case_at;
    missing.path = child_path(case_at.path, "evaporation_rate");
    fail_found(missing, describe_quantity(Dimension::EvaporationRate, Sign::NonNegative),
               "no \"evaporation_rate\" key",
               "a vehicle with a volatile_fraction above 0 needs one; add \"evaporation_rate:\" "
               "(or a vehicle preset, such as water_serum)");
  }
  vehicle.evaporation_rate_m_s = merged.evaporation_rate_m_s.value_or(0.0);
  return vehicle;
}

struct LocatedApplication {
  Application application;
  Located at;
};

std::vector<LocatedApplication> read_applications(const Located& list_at,
                                                  std::optional<double> default_dose_m,
                                                  std::optional<double> default_concentration) {
  const std::vector<Located> elements = list_elements(list_at, kApplicationsExpected);
  if (elements.empty()) {
    fail(list_at, "a list of at least one application",
         "remove \"applications\" for one application of dose at t = 0");
  }
  check_count(list_at, elements.size(), "applications");
  std::vector<LocatedApplication> result;
  for (const Located& element : elements) {
    const Mapping entry(element, {"at", "dose", "concentration"}, kApplicationExpected);
    const Located at = entry.require("at", kTimeNotBeforeZero);
    LocatedApplication item{{}, at};
    item.application.at_s = read_time_not_before_zero(at);
    const std::string dose_expected = describe_quantity(Dimension::VolumePerArea, Sign::Positive);
    if (const auto dose_at = entry.find("dose")) {
      item.application.dose_m = read_film_dose(*dose_at, dose_expected);
    } else if (default_dose_m) {
      item.application.dose_m = *default_dose_m;
    } else {
      entry.require("dose", dose_expected + " (the serum preset gives no finite dose)");
    }
    if (const auto concentration_at = entry.find("concentration")) {
      item.application.concentration_kg_m3 = read_concentration(*concentration_at);
    } else if (default_concentration) {
      item.application.concentration_kg_m3 = *default_concentration;
    } else {
      entry.require("concentration", describe_quantity(Dimension::Concentration, Sign::Positive) +
                                         " (the serum gives no concentration)");
    }
    result.push_back(item);
  }
  std::stable_sort(result.begin(), result.end(), [](const auto& a, const auto& b) {
    return a.application.at_s < b.application.at_s;
  });
  return result;
}

void read_remove_at(const Located& at, Serum& serum, RegimenTimesAt& times_at) {
  std::vector<Located> elements;
  if (at.node.IsSequence()) {
    elements = list_elements(at, "a time or a list of times such as [6 h, 18 h]");
  } else {
    elements.push_back(at);
  }
  check_count(at, elements.size(), "wipe-offs");
  std::vector<std::pair<double, Located>> times;
  for (const Located& element : elements) {
    times.emplace_back(read_time_not_before_zero(element), element);
  }
  // Sorted stably, a repeat follows the first of its time: blame the later one.
  std::stable_sort(times.begin(), times.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (std::size_t i = 1; i < times.size(); ++i) {
    if (times[i].first == times[i - 1].first) {
      const Located& first = times[i - 1].second;
      fail(times[i].second, "a wipe-off time not already listed",
           "the same time as on line " + std::to_string(first.where.line) +
               "; one wipe-off takes the whole film, remove one of them");
    }
  }
  for (const auto& [time_s, element] : times) {
    serum.remove_at_s.push_back(time_s);
    times_at.remove_at.push_back(element);
  }
}

}  // namespace

double read_concentration(const Located& at) {
  const double value = read_quantity(at, Dimension::Concentration, Sign::Positive);
  if (value > kMaxConcentration_kg_m3) {
    fail(at, "a concentration of at most 2000 mg/mL",
         "more active per volume than any solid holds (densities are below 2 g/mL)");
  }
  return value;
}

double read_film_dose(const Located& at, const std::string& expected) {
  const double value = read_quantity(at, Dimension::VolumePerArea, Sign::Positive, expected);
  if (value > kMaxFilmThickness_m) {
    fail(at, "a dose of at most 1000 uL/cm^2 (a film 1 cm thick)",
         "serums are applied at 1-10 uL/cm^2; check the unit");
  }
  return value;
}

void read_regimen_fields(const Mapping& fields, bool from_preset, RegimenDraft& draft) {
  if (const auto at = fields.find("applications")) {
    if (const auto dose_at = fields.find("dose")) {
      fail_found(*at, "either dose or applications, not both", "both",
                 "dose is on line " + std::to_string(dose_at->key_where.line) +
                     "; give the first application's dose in the list and remove dose");
    }
    draft.applications = *at;
  } else if (fields.find("dose")) {
    draft.applications.reset();  // this level's dose replaces a lower level's list
  }
  if (const auto at = fields.find("remove_at")) draft.remove_at = *at;
  if (const auto at = fields.find("occluded")) draft.occluded = read_bool(*at);
  if (const auto at = fields.find("area")) {
    draft.area_m2 = read_quantity(*at, Dimension::Area, Sign::Positive);
  }
  if (const auto at = fields.find("vehicle")) {
    if (from_preset) {
      Mapping(*at, kVehicleValueKeys, kVehicleExpected);  // checked now, used if the case names one
      draft.preset_vehicles.push_back(*at);
    } else {
      draft.case_vehicle = *at;
    }
  }
}

void resolve_regimen(const RegimenDraft& draft, const std::filesystem::path& base_dir,
                     std::optional<double> default_dose_m,
                     std::optional<double> default_concentration, Serum& serum,
                     RegimenTimesAt& times_at) {
  if (draft.applications) {
    for (const LocatedApplication& item :
         read_applications(*draft.applications, default_dose_m, default_concentration)) {
      serum.applications.push_back(item.application);
      times_at.applications.push_back(item.at);
    }
  }
  if (draft.remove_at) read_remove_at(*draft.remove_at, serum, times_at);
  serum.occluded = draft.occluded.value_or(false);
  if (draft.case_vehicle) serum.vehicle = read_vehicle(draft, base_dir);
  serum.area_m2 = draft.area_m2;
  serum.preset_solubility_kg_m3 = preset_solubility(draft);
}

void take_case_regimen(const Serum& case_serum, Serum& compared) {
  const bool own_regimen =
      compared.applications.size() > 1 ||
      (!compared.applications.empty() && compared.applications.front().at_s != 0.0) ||
      !compared.remove_at_s.empty() || compared.occluded || compared.vehicle || compared.area_m2;
  if (own_regimen) return;
  if (!compared.infinite_dose && !case_serum.applications.empty()) {
    compared.applications.clear();
    for (const Application& application : case_serum.applications) {
      compared.applications.push_back(
          {application.at_s, compared.dose_m, compared.concentration_kg_m3});
    }
  }
  compared.remove_at_s = case_serum.remove_at_s;
  compared.occluded = case_serum.occluded;
  compared.area_m2 = case_serum.area_m2;
  if (case_serum.vehicle) {
    compared.vehicle = case_serum.vehicle;
    compared.vehicle->solubility_kg_m3 = compared.preset_solubility_kg_m3;
  }
}

void check_regimen_times(const Serum& serum, const RegimenTimesAt& times_at, double end_s,
                         const Located& serum_at) {
  const std::string expected =
      "a time from 0 to time.end (" + format_friendly(end_s, Dimension::Time) + ")";
  auto check = [&](const std::vector<double>& times_s, const std::vector<Located>& where,
                   std::string_view key) {
    for (std::size_t i = 0; i < times_s.size(); ++i) {
      if (times_s[i] >= 0.0 && times_s[i] <= end_s) continue;
      if (i < where.size()) fail(where[i], expected, "nothing after time.end is simulated");
      Located at = serum_at;
      at.path = child_path(serum_at.path, key);
      fail_found(at, expected, format_friendly(times_s[i], Dimension::Time),
                 "in the serum given in place of the case's");
    }
  };
  std::vector<double> application_times_s;
  for (const Application& application : serum.applications) {
    application_times_s.push_back(application.at_s);
  }
  check(application_times_s, times_at.applications, "applications");
  check(serum.remove_at_s, times_at.remove_at, "remove_at");
}

}  // namespace dermaflux::input
