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

// `penetration: roller | pressed | auto`, the fraction by how the needles go in.
// roller: kDefaultPenetration, a hand-rolled DermaRoller's channels (Kalluri 2011,
// 152.5 um of a 770 um needle, 0.198). pressed: needles pushed or stamped straight in,
// as an array or a motorised pen: 600 um needles reached ~460 um (OCT, in vivo),
// 0.77 (Donnelly et al. 2010, PMC3016610; shared/reference/VALIDATION.md "Channel
// geometry and closure"). auto: roller for pattern roller, pressed otherwise.
inline constexpr double kPressedPenetration = 460.0 / 600.0;

// `surface_widening: measured`: a channel is wider at the surface than the needle's
// cross-section there (the skin tears and stretches around the needle, then recovers
// only partly). Kalluri 2011: needles 770 um long, 140 um base, 8 um tip (4 um
// radius) left channels 152.5 um deep and 70.7 um wide at the surface, where the
// linearly tapering needle is 8 + 132 x 152.5 / 770 = 34.1 um across: 2.07 x.
inline constexpr double kKalluriNeedleWidthAtSurface_um = 8.0 + (140.0 - 8.0) * 152.5 / 770.0;
inline constexpr double kMeasuredSurfaceWidening = 70.7 / kKalluriNeedleWidthAtSurface_um;

// `elastic_recovery: calibrated`: the fraction of a pressed needle's radius that the
// skin takes back as the needle leaves. `pressed` gives the depth with the needle in
// place (OCT); what stays open after it leaves is narrower. No measurement of it was
// found: fitted on naloxone_drpen_250um alone and shown on the other pressed sets
// (docs/validation/CALIBRATION.md).
inline constexpr double kCalibratedElasticRecovery = 0.75;  // +- 0.05 (CALIBRATION.md)

// `channels: measured`, the default for a needle section: the keys it leaves out are
// `penetration: auto` and, when that depth is a pressed one (the needle in place),
// `elastic_recovery: calibrated`; a roller's depth was measured after the needle left
// (Kalluri 2011), so it gets none. This is what the validation sets use
// (cases/validation/, docs/validation/CALIBRATION.md). `surface_widening` stays 1
// (none): measured on rollers in vivo in rat skin, it moved three of the four roller
// sets in porcine skin further from their measurements (CALIBRATION.md, "Tried and not
// adopted"). `channels: shadow`: the needle's own shadow at kDefaultPenetration, no
// recovery, as before issue 14. A key the case gives wins over either.

// `closure_half_life: excised`: skin off the body (a Franz cell) has no living
// epidermis to close its channels: they stay open (closure kinetics are measured in
// vivo only: Kalluri 2011 in hairless rats, Gupta 2011 and PMC8259462 in humans).

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
