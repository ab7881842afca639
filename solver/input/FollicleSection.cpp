#include "input/FollicularShunt.hpp"
#include "input/SkinLayers.hpp"
#include "input/Units.hpp"
#include "input/YamlFields.hpp"

// `skin.follicles`: a site's preset name or its numbers (FollicularShunt.hpp).

namespace dermaflux::input {

Follicles read_follicles(const Located& at, bool kasting) {
  const std::string expected =
      "porcine_ear, or a mapping {density, orifice_diameter, hair_diameter} (with "
      "skin.estimates: kasting)";
  if (!kasting) fail(at, expected, "the follicular shunt is part of skin.estimates: kasting");
  if (at.node.IsScalar()) {
    const std::string name = read_string(at, expected);
    if (const auto preset = follicle_preset(name)) return *preset;
    const auto suggestion = closest_match(name, {"porcine_ear"});
    fail(at, expected, suggestion ? "did you mean \"" + *suggestion + "\"?" : "");
  }
  const Mapping keys(at, {"density", "orifice_diameter", "hair_diameter"}, expected);
  Follicles follicles;
  follicles.density_per_m2 =
      read_quantity(keys.require("density", describe_quantity(Dimension::PerArea, Sign::Positive)),
                    Dimension::PerArea, Sign::Positive);
  follicles.orifice_diameter_m = read_quantity(
      keys.require("orifice_diameter", describe_quantity(Dimension::Length, Sign::Positive)),
      Dimension::Length, Sign::Positive);
  if (const auto hair_at = keys.find("hair_diameter")) {
    follicles.hair_diameter_m = read_quantity(*hair_at, Dimension::Length, Sign::NonNegative);
    if (follicles.hair_diameter_m >= follicles.orifice_diameter_m) {
      fail(*hair_at, "a hair diameter below the orifice's (" +
                         format_friendly(follicles.orifice_diameter_m, Dimension::Length) + ")");
    }
  }
  return follicles;
}

}  // namespace dermaflux::input
