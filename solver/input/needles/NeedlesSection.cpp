#include <algorithm>
#include <array>
#include <cctype>

#include "input/CaseSections.hpp"
#include "input/Presets.hpp"
#include "input/needles/NeedleDefaults.hpp"
#include "input/needles/NeedleReading.hpp"

// The needles section comes from the case, from a device preset (cases/devices/), or
// from both: the device gives needle keys and the case's keys override them one by
// one. A case that chooses another pattern (or a cylinder) than its device drops the
// device's keys of the device's own pattern (or its tip): the device then lends only
// its needles. The common needle keys are read here; NeedlePatterns.cpp reads the
// pattern's own keys and NeedleChecks.cpp fits the domain and checks the result.

namespace dermaflux::input {
namespace {

struct PatternKeys {
  NeedlePattern pattern;
  std::vector<std::string_view> keys;
};

const std::vector<PatternKeys>& pattern_key_table() {
  static const std::vector<PatternKeys> table{
      {NeedlePattern::Square, {"pitch", "operation"}},
      {NeedlePattern::Hex, {"pitch", "operation"}},
      {NeedlePattern::Random, {"density", "operation", "min_spacing", "seed"}},
      {NeedlePattern::Roller,
       {"needles_per_ring", "rings", "ring_spacing", "drum_diameter", "passes"}},
      {NeedlePattern::Stamp, {"cartridge", "step", "direction", "start", "stamps"}},
      {NeedlePattern::List, {"file", "sites"}},
  };
  return table;
}

template <typename Choice, std::size_t N>
Choice read_word(const Located& at,
                 const std::array<std::pair<std::string_view, Choice>, N>& choices) {
  std::vector<std::string_view> words;
  for (const auto& [word, choice] : choices) words.push_back(word);
  const std::string expected = join_words(words, "or");
  const std::string text = read_string(at, expected);
  for (const auto& [word, choice] : choices) {
    if (text == word) return choice;
  }
  const auto suggestion = closest_match(text, words);
  fail(at, expected, suggestion ? "did you mean \"" + *suggestion + "\"?" : "");
}

const std::string kClosureExpected = describe_quantity(Dimension::Time, Sign::NonNegative) +
                                     ", or none, excised, occluded, non_occluded or auto";

// `auto` follows serum.occluded: a covered film keeps the skin hydrated and its channels
// open longer (occluded half-life), an open one does not (non_occluded).
void read_closure(const Located& at, bool serum_occluded, Needles& needles) {
  if (at.node.IsScalar()) {
    std::string word = at.node.Scalar();
    if (word == "none" || word == "excised") return;  // excised: NeedleDefaults.hpp
    if (word == "auto") word = serum_occluded ? "occluded" : "non_occluded";
    if (word == "occluded" || word == "non_occluded") {
      needles.closure_preset = word;
      needles.closure_half_life_s =
          word == "occluded" ? kOccludedHalfLife_s : kNonOccludedHalfLife_s;
      return;
    }
    const bool starts_with_number =
        !word.empty() && (std::isdigit(static_cast<unsigned char>(word.front())) != 0 ||
                          word.front() == '.' || word.front() == '-' || word.front() == '+');
    if (!starts_with_number) {
      if (const auto near =
              closest_match(word, {"none", "excised", "occluded", "non_occluded", "auto"})) {
        fail(at, kClosureExpected, "did you mean \"" + *near + "\"?");
      }
    }
  }
  needles.closure_half_life_s =
      read_quantity(at, Dimension::Time, Sign::NonNegative, kClosureExpected);
}

// Drops what a device gave for another pattern or shape than the case chose.
void drop_device_leftovers(NeedleKeys& keys, const Needles& needles,
                           const std::optional<Located>& device_pattern_at) {
  const bool case_changed_pattern = device_pattern_at && !keys.from_device("pattern") &&
                                    read_word(*device_pattern_at, kPatternWords) != needles.pattern;
  if (case_changed_pattern) {
    for (const std::string_view key : all_needle_keys()) {
      const std::vector<NeedlePattern> takers = patterns_taking(key);
      const bool other_pattern = !takers.empty() && std::find(takers.begin(), takers.end(),
                                                              needles.pattern) == takers.end();
      if (other_pattern && keys.from_device(key)) keys.drop_device_value(key);
    }
  }
  const bool case_chose_cylinder =
      needles.shape == NeedleShape::Cylinder && keys.find("shape") && !keys.from_device("shape");
  if (case_chose_cylinder && keys.from_device("tip_diameter")) {
    keys.drop_device_value("tip_diameter");
  }
}

// Every key belongs to the chosen pattern (or to all of them).
void check_key_owners(const NeedleKeys& keys, NeedlePattern pattern) {
  const std::string pattern_name(pattern_word(pattern));
  for (const NeedleKeys::Value& value : keys.values()) {
    const std::vector<NeedlePattern> takers = patterns_taking(value.key);
    if (takers.empty() || std::find(takers.begin(), takers.end(), pattern) != takers.end()) {
      continue;
    }
    const std::string own = join_words(keys_of(pattern), "and");
    Located key_at = value.at;
    key_at.where = value.at.key_where;
    std::vector<std::string_view> taker_words;
    for (const NeedlePattern taker : takers) taker_words.push_back(pattern_word(taker));
    fail_found(
        key_at,
        concat("a key of pattern ", pattern_name, own.empty() ? "" : concat(" (", own, ")"),
               " or a key every pattern takes"),
        concat("\"", value.key, "\", which belongs to pattern ", join_words(taker_words, "or")),
        concat("remove it, or set pattern: ", taker_words.front()));
  }
}

void read_geometry(const NeedleKeys& keys, bool serum_occluded, Needles& needles) {
  needles.length_m =
      read_quantity(keys.require("length", describe_quantity(Dimension::Length, Sign::Positive)),
                    Dimension::Length, Sign::Positive);
  const Located base_at =
      keys.require("base_diameter", describe_quantity(Dimension::Length, Sign::Positive));
  needles.base_diameter_m = read_quantity(base_at, Dimension::Length, Sign::Positive);

  const std::optional<Located> tip_at = keys.find("tip_diameter");
  if (needles.shape == NeedleShape::Cylinder) {
    if (tip_at) {
      fail(*tip_at,
           "no tip_diameter for a cylinder (its channel is base_diameter wide all the way down)",
           "remove it, or choose shape cone or pyramid");
    }
    needles.tip_diameter_m = 0.0;
  } else {
    needles.tip_diameter_m = tip_at ? read_quantity(*tip_at, Dimension::Length, Sign::NonNegative)
                                    : kDefaultTipDiameter_m;
    if (needles.tip_diameter_m > needles.base_diameter_m) {
      const std::string tip = format_friendly(needles.tip_diameter_m, Dimension::Length);
      const std::string base = format_friendly(needles.base_diameter_m, Dimension::Length);
      if (tip_at) {
        fail(*tip_at, "a tip diameter of at most the base diameter (" + base + ")",
             "a needle narrows from its base to its tip");
      }
      fail(base_at, "a base diameter of at least the tip diameter (" + tip + ", the default)",
           "give tip_diameter too, or a wider base");
    }
  }

  read_channel_keys(keys, needles);
  if (const auto at = keys.find("tissue_fluid_diffusivity")) {
    needles.tissue_fluid_diffusivity_m2_s =
        read_quantity(*at, Dimension::Diffusivity, Sign::Positive);
  }
  if (const auto at = keys.find("closure_half_life")) read_closure(*at, serum_occluded, needles);
}

}  // namespace

std::vector<NeedlePattern> patterns_taking(std::string_view key) {
  std::vector<NeedlePattern> takers;
  for (const PatternKeys& entry : pattern_key_table()) {
    if (std::find(entry.keys.begin(), entry.keys.end(), key) != entry.keys.end()) {
      takers.push_back(entry.pattern);
    }
  }
  return takers;
}

std::vector<std::string_view> keys_of(NeedlePattern pattern) {
  for (const PatternKeys& entry : pattern_key_table()) {
    if (entry.pattern == pattern) return entry.keys;
  }
  return {};
}

std::vector<std::string_view> all_needle_keys() {
  std::vector<std::string_view> keys = kCommonNeedleKeys;
  for (const PatternKeys& entry : pattern_key_table()) {
    for (const std::string_view key : entry.keys) {
      if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
    }
  }
  return keys;
}

std::string join_words(const std::vector<std::string_view>& words, std::string_view last) {
  std::string text;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) text.append(i + 1 == words.size() ? concat(" ", last, " ") : std::string(", "));
    text.append(words[i]);
  }
  return text;
}

void NeedleKeys::keep_only(const std::function<bool(const Value&)>& keep) {
  std::vector<Value> kept;
  for (const Value& value : values_) {
    if (keep(value)) kept.push_back(value);
  }
  values_.swap(kept);
}

void NeedleKeys::take(const Mapping& from, bool from_device) {
  for (const std::string_view key : all_needle_keys()) {
    const std::optional<Located> at = from.find(key);
    if (!at) continue;
    keep_only([&](const Value& value) { return value.key != key; });
    values_.push_back(Value{std::string(key), *at, from_device});
  }
}

void NeedleKeys::drop_device_value(std::string_view key) {
  keep_only([&](const Value& value) { return value.key != key || !value.from_device; });
}

std::optional<Located> NeedleKeys::find(std::string_view key) const {
  for (const Value& value : values_) {
    if (value.key == key) return value.at;
  }
  return std::nullopt;
}

Located NeedleKeys::require(std::string_view key, const std::string& expected) const {
  if (std::optional<Located> value = find(key)) return *std::move(value);
  Located missing = section_;
  missing.path = child_path(section_.path, key);
  const std::string add = concat("add \"", key, ":\" to the needles");
  fail_found(missing, expected, concat("no \"", key, "\" key"),
             device.empty()
                 ? add
                 : concat("neither the case nor the device \"", device, "\" gives it; ", add));
}

bool NeedleKeys::from_device(std::string_view key) const {
  for (const Value& value : values_) {
    if (value.key == key) return value.from_device;
  }
  return false;
}

std::filesystem::path NeedleKeys::folder_of(std::string_view key) const {
  for (const Value& value : values_) {
    if (value.key == key && value.from_device) {
      return std::filesystem::path(value.at.file).parent_path();
    }
  }
  return base_dir_;
}

NeedlesSection read_needles(const Located& at, const std::filesystem::path& base_dir,
                            const std::vector<Layer>& layers,
                            const std::optional<Located>& domain_at, const MeshSettings& mesh,
                            Domain domain, bool serum_occluded) {
  std::vector<std::string_view> case_keys{"device"};
  const std::vector<std::string_view> needle_keys = all_needle_keys();
  case_keys.insert(case_keys.end(), needle_keys.begin(), needle_keys.end());
  const Mapping section(at, case_keys,
                        "the needles: a mapping with pattern, length, base_diameter and the "
                        "pattern's keys (or a device)");
  NeedleKeys keys(at, base_dir);
  Needles needles;

  std::optional<Located> device_pattern_at;
  if (const auto device_at = section.find("device")) {
    const std::string what_it_is =
        "a device preset: a mapping with description, sources and the keys of a case's "
        "needles section";
    const Preset preset = load_preset(*device_at, "devices", base_dir, what_it_is);
    std::vector<std::string_view> device_keys{"description", "sources"};
    device_keys.insert(device_keys.end(), needle_keys.begin(), needle_keys.end());
    const Mapping device(preset.root, device_keys, what_it_is);
    for (const std::string_view key : {"description", "sources"}) {
      if (const auto doc = device.find(key)) check_documentation(*doc);
    }
    keys.take(device, true);
    keys.device = preset.name;
    needles.device = preset.name;
    device_pattern_at = device.find("pattern");
  }
  keys.take(section, false);

  const std::string pattern_expected =
      join_words({"square", "hex", "random", "roller", "stamp", "list"}, "or");
  needles.pattern = read_word(keys.require("pattern", pattern_expected), kPatternWords);
  if (const auto shape_at = keys.find("shape")) needles.shape = read_word(*shape_at, kShapeWords);
  drop_device_leftovers(keys, needles, device_pattern_at);
  check_key_owners(keys, needles.pattern);

  read_geometry(keys, serum_occluded, needles);
  const std::vector<ListedSite> listed = read_pattern_fields(keys, needles);
  fit_domain(keys, needles, domain_at, mesh, domain);
  centre_stamp_path(keys, needles, domain);
  check_needles(keys, needles, listed, layers, domain);
  return NeedlesSection{std::move(needles), domain};
}

}  // namespace dermaflux::input
