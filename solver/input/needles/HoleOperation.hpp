#pragma once
// `needles.operation`: how a pen or a roller was worked, from which the reader derives
// the hole density of a square, hex or random pattern (meshes/sites/HoleDensity.hpp),
// with what it counted, so that the resolved case and summary.json can say how.

#include <string>

namespace dermaflux::input {

struct HoleOperation {
  std::string device;            // "pen" or "roller"
  std::string counting;          // the counting formula with the case's numbers
  double counted_per_m2 = 0.0;   // holes laid, a hole on an earlier one counted again
  double footprint_m2 = 0.0;     // the surface opening of one channel
  double distinct_per_m2 = 0.0;  // distinct channels (Poisson overlap): the pattern's density
};

}  // namespace dermaflux::input
