#pragma once
// The serum film's regimen keys (CASE_FORMAT.md, "Serum film and dosing regimens"):
// applications, remove_at, occluded, vehicle and area, read level by level (serum
// preset, then the case) like the serum's other keys. Times are checked against
// time.end only once the time section is read (check_regimen_times). Private to
// solver/input.

#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "input/Case.hpp"
#include "input/YamlFields.hpp"

namespace dermaflux::input {

// The serum keys this part reads, for the serum section's and a preset's key lists.
inline constexpr std::array<std::string_view, 5> kRegimenKeys{"applications", "remove_at",
                                                              "occluded", "vehicle", "area"};

// Physical sense (issue 17): no solution or suspension holds more than ~2000 mg/mL of
// active (denser than any solid active: ascorbic acid 1.65 g/cm^3, caffeine 1.23), and a
// film thicker than 1 cm (1000 uL/cm^2, 100 x the 10 uL/cm^2 of OECD TG 428 finite doses
// and 10 x the infinite doses of Franz-cell tests) is a typing slip, not a serum: it would
// also make vertical grading build thousands of cells above the skin.
inline constexpr double kMaxConcentration_kg_m3 = 2000.0;
inline constexpr double kMaxFilmThickness_m = 1e-2;

// Concentrations and doses read with these limits.
double read_concentration(const Located& at);
double read_film_dose(const Located& at, const std::string& expected);

// Where each time came from, in the order of the Serum's (sorted) lists.
struct RegimenTimesAt {
  std::vector<Located> applications;
  std::vector<Located> remove_at;
};

// The regimen as merged so far: what the last level that named a key gave.
struct RegimenDraft {
  std::optional<Located> applications;  // the list; replaces a lower level's dose
  std::optional<Located> remove_at;
  std::optional<bool> occluded;
  std::optional<double> area_m2;
  // The vehicle's keys, level by level; the serum preset's count only when the case
  // names a vehicle (see read_vehicle).
  std::vector<Located> preset_vehicles;
  std::optional<Located> case_vehicle;
};

// Reads the regimen keys `fields` has over `draft`; `from_preset` for a serum preset.
// The same level's dose and applications together are an error; either replaces what a
// lower level gave of the other.
void read_regimen_fields(const Mapping& fields, bool from_preset, RegimenDraft& draft);

// Fills serum.applications (sorted by time, when the draft has a list), remove_at_s
// (sorted), occluded, vehicle and area. An application without a dose takes
// `default_dose_m` (a lower level's finite dose), without a concentration the serum's.
void resolve_regimen(const RegimenDraft& draft, const std::filesystem::path& base_dir,
                     std::optional<double> default_dose_m,
                     std::optional<double> default_concentration, Serum& serum,
                     RegimenTimesAt& times_at);

// `dermaflux compare`: a compared serum without a regimen of its own (one application at
// t = 0, no wipe-off, occlusion, vehicle or area) runs on the case's: its application
// times (each of the compared serum's dose and concentration), wipe-offs, occlusion,
// area, and vehicle with the compared serum's own solubility.
void take_case_regimen(const Serum& case_serum, Serum& compared);

// Every application and wipe-off lies in [0, end]; no two wipe-offs at the same time.
// `serum_at` locates problems in a serum that came without locations (compare).
void check_regimen_times(const Serum& serum, const RegimenTimesAt& times_at, double end_s,
                         const Located& serum_at);

}  // namespace dermaflux::input
