#pragma once
// The parts of the `needles:` reader, private to it: the keys each pattern takes, the
// section's values merged from the device preset and the case, the per-pattern
// readers, the needle-list CSV and the checks against the domain and the skin.

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "input/Case.hpp"
#include "input/YamlFields.hpp"

namespace dermaflux::input {

// The pieces appended into one string. Messages are built with this rather than with
// `"literal" + std::string(...)` chains, which trip a false -Wrestrict in GCC 12 at -O2
// (GCC bug 105329).
template <typename... Pieces>
std::string concat(const Pieces&... pieces) {
  std::string text;
  (text.append(std::string_view(pieces)), ...);
  return text;
}

// Keys every pattern takes.
// clang-format off
inline const std::vector<std::string_view> kCommonNeedleKeys{
    "pattern",     "shape",             "length",           "base_diameter", "tip_diameter",
    "penetration", "closure_half_life", "surface_widening", "elastic_recovery",
    "tissue_fluid_diffusivity", "channels"};
// clang-format on

// The patterns that take `key` (square and hex both take pitch); empty for a common key.
std::vector<NeedlePattern> patterns_taking(std::string_view key);
// The keys only `pattern` takes.
std::vector<std::string_view> keys_of(NeedlePattern pattern);
// Every key a needles section or a device preset can hold, besides `device` (case
// only) and `description`, `sources` (device only).
std::vector<std::string_view> all_needle_keys();

// "a, b and c" / "a or b".
std::string join_words(const std::vector<std::string_view>& words, std::string_view last);

// The values of the section: the device preset's first, each overridden by the case's
// value of the same key. Every value keeps the file, line and key path it came from.
class NeedleKeys {
 public:
  struct Value {
    std::string key;
    Located at;
    bool from_device = false;
  };

  NeedleKeys(Located section, std::filesystem::path base_dir)
      : section_(std::move(section)), base_dir_(std::move(base_dir)) {}

  // Takes every key of `from` except `device`, over the values held so far.
  void take(const Mapping& from, bool from_device);
  // Forgets a value the device gave (one the case's choices make meaningless).
  void drop_device_value(std::string_view key);

  std::optional<Located> find(std::string_view key) const;
  // The value of a required key; if neither case nor device gives it, an error at
  // the case's needles section.
  Located require(std::string_view key, const std::string& expected) const;
  bool from_device(std::string_view key) const;
  // Where a relative path in the value of `key` resolves first: the folder of the
  // file that gave it (the case's folder, or the device preset's).
  std::filesystem::path folder_of(std::string_view key) const;

  const std::vector<Value>& values() const { return values_; }
  const Located& section() const { return section_; }

  std::string device;  // the device preset's name, empty when none

 private:
  Located section_;
  std::filesystem::path base_dir_;
  void keep_only(const std::function<bool(const Value&)>& keep);

  std::vector<Value> values_;
};

// One needle of a list, with where it was listed (a CSV line or a `sites:` element).
struct ListedSite {
  NeedleSite site;
  Located at;
};

// NeedlePatterns.cpp: the keys of the chosen pattern into `needles` (pitch; density,
// min_spacing, seed; the list; the roller; the stamp), everything that does not depend
// on the domain. Returns the listed needles of a list pattern.
std::vector<ListedSite> read_pattern_fields(const NeedleKeys& keys, Needles& needles);

// NeedleOperation.cpp: `operation`, how a pen or a roller was worked, counted into
// distinct channels per area (after the needle's geometry is read: the overlap takes
// the channel's opening); and that opening's width, as meshes/NeedleLayout makes it.
HoleOperation read_operation(const Located& at, const Needles& needles);
double channel_surface_width_m(const Needles& needles);

// ChannelGeometryKeys.cpp: `channels` (measured or shadow), then `penetration` (a
// fraction, or roller, pressed or auto), `surface_widening` (a factor, measured or none)
// and `elastic_recovery` (a fraction, calibrated or none) into `needles`, each one the
// case leaves out from `channels`; after the pattern and the shape are read.
void read_channel_keys(const NeedleKeys& keys, Needles& needles);

// NeedleListFile.cpp: the needles of a CSV file (header x_um,y_um[,length_um]
// [,base_diameter_um]), each with its line; `file_at` is the `file:` key naming it.
std::vector<ListedSite> read_needle_csv(const Located& file_at,
                                        const std::filesystem::path& csv_path);

// NeedleChecks.cpp: the domain's extent from the pattern (one period by default, a
// whole number of periods when periodic; given for the other patterns).
void fit_domain(const NeedleKeys& keys, const Needles& needles,
                const std::optional<Located>& domain_at, const MeshSettings& mesh, Domain& domain);
// The stamp path's default start: the path centred on the domain.
void centre_stamp_path(const NeedleKeys& keys, Needles& needles, const Domain& domain);
// Listed needles inside a patch and of sound geometry, channels inside the skin, and
// a pattern that puts at least one and not too many needles in the domain.
void check_needles(const NeedleKeys& keys, const Needles& needles,
                   const std::vector<ListedSite>& listed, const std::vector<Layer>& layers,
                   const Domain& domain);

}  // namespace dermaflux::input
