#pragma once
// Micro-channels closing after the treatment (Gupta et al. 2011; Kalluri, Kolli &
// Banga 2011): the open radius of every channel halves every half-life,
//   r(t) = r0 2^(-t / t_half),
// and a channel narrower than kClosedRadius_m has closed: its cells are tissue
// again. The geometry is updated at discrete times, whenever the radius has
// fallen by kRadiusStep relative to the last update; over each interval the
// channels take the radius at the interval's midpoint, which keeps the geometry
// second-order accurate in time. Amounts per cell are kept across an update
// (Bdf2Integrator::coefficients_changed), so closure conserves mass exactly.

#include <optional>
#include <vector>

#include "meshes/Channel.hpp"

namespace dermaflux::model {

inline constexpr double kRadiusStep = 0.05;        // relative radius change between updates
inline constexpr double kClosedRadius_m = 0.1e-6;  // below this a channel has closed

class ChannelClosure {
 public:
  // half_life_s: nullopt = the channels never close; 0 = closed at once.
  ChannelClosure(std::vector<mesh::Channel> channels, std::optional<double> half_life_s);

  // The times (after 0, up to end_s) at which the geometry changes.
  std::vector<double> update_times(double end_s) const;

  // The open channels for the interval starting at t_s (radii at the interval's
  // midpoint); closed channels are left out.
  std::vector<mesh::Channel> open_channels(double t_s) const;

  bool closes() const { return half_life_s_.has_value(); }

 private:
  double interval_s() const;
  double scale_at(double t_s) const;

  std::vector<mesh::Channel> channels_;
  std::optional<double> half_life_s_;
  double widest_m_ = 0.0;
};

}  // namespace dermaflux::model
