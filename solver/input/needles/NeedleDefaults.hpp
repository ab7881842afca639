#pragma once
// The words and the sourced default values of the case file's `needles:` section,
// shared by the reader and the resolved-case writer.

#include <array>
#include <string_view>
#include <utility>

#include "input/Case.hpp"

namespace dermaflux::input {

// A microneedle channel is much shallower than the needle is long: a 770 um needle
// left channels ~152 um deep in human skin, about 0.2 x its length (Kalluri, Kolli &
// Banga 2011; shared/reference/PARAMETERS.md).
inline constexpr double kDefaultPenetration = 0.2;

// Cone and pyramid tips when none is given: 5 um, the CASE_FORMAT.md example value for
// a sharp microneedle tip (typical, uncited). A cylinder has no tip.
inline constexpr double kDefaultTipDiameter_m = 5e-6;

// `closure_half_life: occluded | non_occluded`: the middle of the ranges of skin
// impedance recovery half-lives in humans, occluded ~20-26 h and non-occluded ~2-5 h
// (Gupta et al. 2011; Kalluri et al. 2011; PARAMETERS.md).
inline constexpr double kOccludedHalfLife_s = 23.0 * 3600.0;
inline constexpr double kNonOccludedHalfLife_s = 3.5 * 3600.0;

inline constexpr std::array<std::pair<std::string_view, NeedlePattern>, 6> kPatternWords{{
    {"square", NeedlePattern::Square},
    {"hex", NeedlePattern::Hex},
    {"random", NeedlePattern::Random},
    {"roller", NeedlePattern::Roller},
    {"stamp", NeedlePattern::Stamp},
    {"list", NeedlePattern::List},
}};

inline constexpr std::array<std::pair<std::string_view, NeedleShape>, 3> kShapeWords{{
    {"cone", NeedleShape::Cone},
    {"pyramid", NeedleShape::Pyramid},
    {"cylinder", NeedleShape::Cylinder},
}};

inline std::string_view pattern_word(NeedlePattern pattern) {
  for (const auto& [word, value] : kPatternWords) {
    if (value == pattern) return word;
  }
  return "square";
}

inline std::string_view shape_word(NeedleShape shape) {
  for (const auto& [word, value] : kShapeWords) {
    if (value == shape) return word;
  }
  return "cone";
}

}  // namespace dermaflux::input
