#include <cctype>

#include "input/needles/NeedleDefaults.hpp"
#include "input/needles/NeedleReading.hpp"

// The keys that say how a needle's channel differs from the needle's own shadow:
// how deep it goes (`penetration`, a fraction or how the needles go in) and how wide
// it is at the surface (`surface_widening`), and how much of it the skin takes back as
// the needle leaves (`elastic_recovery`); `channels` says what the keys left out are
// (measured, the default, or shadow). The values and their sources are in
// NeedleDefaults.hpp.

namespace dermaflux::input {
namespace {

bool starts_with_number(const std::string& word) {
  return !word.empty() && (std::isdigit(static_cast<unsigned char>(word.front())) != 0 ||
                           word.front() == '.' || word.front() == '-' || word.front() == '+');
}

// A word among `words`, or nullopt for a number; a near miss of a word fails.
std::optional<std::string> read_choice(const Located& at, const std::vector<std::string>& words,
                                       const std::string& expected) {
  if (!at.node.IsScalar()) return std::nullopt;
  const std::string word = at.node.Scalar();
  for (const std::string& choice : words) {
    if (word == choice) return word;
  }
  if (!starts_with_number(word)) {
    std::vector<std::string_view> views(words.begin(), words.end());
    const auto near = closest_match(word, views);
    fail(at, expected, near ? concat("did you mean \"", *near, "\"?") : std::string());
  }
  return std::nullopt;
}

// The depth of "roller", "pressed" or "auto" for this pattern; true when it is a depth
// with the needle in place (pressed), which the skin narrows as the needle leaves.
bool set_penetration_by_insertion(const std::string& word, Needles& needles) {
  const bool rolled =
      word == "roller" || (word == "auto" && needles.pattern == NeedlePattern::Roller);
  needles.penetration = rolled ? kDefaultPenetration : kPressedPenetration;
  return !rolled;
}

// Returns whether the depth is a pressed one (see set_penetration_by_insertion); a
// number is the depth the case measured or chose: false.
bool read_penetration(const Located& at, Needles& needles) {
  const std::string expected =
      "a fraction above 0 and at most 1 such as 0.2 (of the needle length that enters the "
      "skin), or roller, pressed or auto";
  if (const auto word = read_choice(at, {"roller", "pressed", "auto"}, expected)) {
    return set_penetration_by_insertion(*word, needles);
  }
  needles.penetration = read_number(at, expected);
  if (!(needles.penetration > 0.0 && needles.penetration <= 1.0)) fail(at, expected);
  return false;
}

void read_surface_widening(const Located& at, Needles& needles) {
  const std::string expected =
      "a factor of at least 1 such as 2 (the channel's width at the surface over the "
      "needle's there), or measured or none";
  if (needles.shape == NeedleShape::Cylinder) {
    fail(at, "no surface_widening for a cylinder (its channel has one width all the way down)",
         "remove it, or choose shape cone or pyramid");
  }
  if (const auto word = read_choice(at, {"measured", "none"}, expected)) {
    needles.surface_widening = *word == "measured" ? kMeasuredSurfaceWidening : 1.0;
    return;
  }
  needles.surface_widening = read_number(at, expected);
  if (!(needles.surface_widening >= 1.0)) fail(at, expected);
}

void read_elastic_recovery(const Located& at, Needles& needles) {
  const std::string expected =
      "a fraction from 0 to below 1 such as 0.5 (of the needle's radius the skin takes back "
      "as the needle leaves), or calibrated or none";
  if (const auto word = read_choice(at, {"calibrated", "none"}, expected)) {
    needles.elastic_recovery = *word == "calibrated" ? kCalibratedElasticRecovery : 0.0;
    return;
  }
  needles.elastic_recovery = read_number(at, expected);
  if (!(needles.elastic_recovery >= 0.0 && needles.elastic_recovery < 1.0)) fail(at, expected);
}

}  // namespace

void read_channel_keys(const NeedleKeys& keys, Needles& needles) {
  needles.channels = ChannelModel::Measured;
  if (const auto at = keys.find("channels")) {
    const std::string expected =
        "measured (the channels' depth and narrowing as measured, the default) or shadow (the "
        "needle's own shadow at 0.2 of its length, as before issue 14)";
    const auto word = read_choice(*at, {"measured", "shadow"}, expected);
    if (!word) fail(*at, expected);
    needles.channels = *word == "shadow" ? ChannelModel::Shadow : ChannelModel::Measured;
  }
  const bool measured = needles.channels == ChannelModel::Measured;
  bool pressed_depth = false;
  if (const auto at = keys.find("penetration")) {
    pressed_depth = read_penetration(*at, needles);
  } else if (measured) {
    pressed_depth = set_penetration_by_insertion("auto", needles);
  }
  if (const auto at = keys.find("surface_widening")) read_surface_widening(*at, needles);
  if (const auto at = keys.find("elastic_recovery")) {
    read_elastic_recovery(*at, needles);
  } else if (measured && pressed_depth) {
    needles.elastic_recovery = kCalibratedElasticRecovery;
  }
}

}  // namespace dermaflux::input
