#pragma once
// Micro-channels closing after the treatment (Gupta et al. 2011; Kalluri, Kolli &
// Banga 2011): the open radius of every channel halves every half-life,
//   r(t) = r0 2^(-t / t_half),
// and a channel narrower than kClosedRadius_m has closed: its cells are tissue
// again.
//
// The time integrator takes the geometry at each step's new time level (implicit
// in the coefficients, like the field), so closure adds no forced step
// boundaries. The radius scale is quantised (kScaleQuantum, relative) so that the
// geometry depends on the time alone — a resumed run sees exactly the geometry an
// uninterrupted one saw — and is re-rasterised only when it changed. The quantum
// is fine enough to look continuous to the step-size control: with 1e-3 the
// small jumps at quantum crossings tripled the rejected steps of the quick-start.
// Amounts per cell are kept across a change (Bdf2Integrator works on amounts), so
// closure conserves mass exactly.

#include <optional>
#include <vector>

#include "meshes/Channel.hpp"

namespace dermaflux::model {

inline constexpr double kScaleQuantum = 1e-6;       // relative radius change per quantum
inline constexpr double kClosedRadius_m = 0.1e-6;  // below this a channel has closed

class ChannelClosure {
 public:
  // half_life_s: nullopt = the channels never close; 0 = closed at once.
  ChannelClosure(std::vector<mesh::Channel> channels, std::optional<double> half_life_s);

  // Which quantum of the radius scale applies at t (0 at t = 0; grows as channels
  // close; the same for every time in a quantum).
  long quantum_at(double t_s) const;

  // The open channels of a quantum; closed channels are left out.
  std::vector<mesh::Channel> open_channels(long quantum) const;

  bool closes() const { return half_life_s_.has_value(); }

 private:
  std::vector<mesh::Channel> channels_;
  std::optional<double> half_life_s_;
  long closed_quantum_ = 0;  // from here on every channel has closed
};

}  // namespace dermaflux::model
