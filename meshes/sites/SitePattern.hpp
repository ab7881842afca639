#pragma once
// What a needle pattern is, as geometry: where its needles go (the pattern and its
// spacing, a list's positions, a roller's drum and passes, a stamp's cartridge and path)
// and the rectangle they go into. The case reader fills these in (input::Needles holds
// them) and checks them with the site generator (NeedleSites.hpp); meshes/NeedleLayout
// turns the sites into channels. Plain values on core alone, beneath both.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace dermaflux::mesh {

enum class NeedlePattern { Square, Hex, Random, Roller, Stamp, List };

// One needle position of a `list` pattern (or any pattern, once expanded), with
// optional per-needle overrides of the needle's length and base diameter.
struct NeedleSite {
  double x_m = 0.0;
  double y_m = 0.0;
  std::optional<double> length_m;
  std::optional<double> base_diameter_m;
};

// `pattern: roller`: a drum carrying `needles_per_ring` needles on each of `rings`
// rings, rolled over the patch once per pass. Holes along one track are spaced by
// the drum circumference / needles per ring; tracks are `ring_spacing` apart.
struct RollerPass {
  double direction_deg = 0.0;  // rolling direction, from +x towards +y
  double offset_m = 0.0;       // shift of the tracks across the rolling direction
};
struct RollerSpec {
  int needles_per_ring = 0;
  int rings = 0;
  double ring_spacing_m = 0.0;
  double drum_diameter_m = 0.0;
  std::vector<RollerPass> passes;  // at least one
};

// `pattern: stamp`: a pen or stamp cartridge (needle positions relative to its
// centre) stamped along a straight path at a fixed step.
struct StampSpec {
  std::vector<NeedleSite> cartridge;  // layout of the cartridge, relative to its centre
  std::string cartridge_preset;       // "12" / "36" when a named layout was used, else empty
  double step_m = 0.0;                // distance between successive stamps
  double direction_deg = 0.0;         // path direction, from +x towards +y
  double start_x_m = 0.0, start_y_m = 0.0;
  int stamps = 1;
};

// Where the needles of a pattern go; what each needle is (shape, length) is the case's.
struct SitePattern {
  NeedlePattern pattern = NeedlePattern::Square;
  double pitch_m = 0.0;           // square, hex
  double density_per_m2 = 0.0;    // random: needles per area
  double min_spacing_m = 0.0;     // random: no two centres closer than this
  std::uint64_t seed = 1;         // random: same seed, same holes
  std::vector<NeedleSite> sites;  // list: positions read from the CSV
  RollerSpec roller;
  StampSpec stamp;
};

// The rectangle [0, width] x [0, length] the needles go into: a periodic one repeats
// (positions wrap into [0, width) x [0, length)), a patch keeps only what lies inside.
struct SiteArea {
  double width_m = 0.0;
  double length_m = 0.0;
  bool periodic = true;
};

}  // namespace dermaflux::mesh
