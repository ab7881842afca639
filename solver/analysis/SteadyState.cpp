#include "analysis/SteadyState.hpp"

#include <cmath>

namespace dermaflux::analysis {

std::optional<SteadyState> find_steady_state(const std::vector<ReceptorSample>& samples,
                                             const SteadyStateSettings& settings) {
  // Usable range: t > 0 and, for a finite dose, the film not yet depleted.
  std::size_t end = 0;
  while (end < samples.size() && samples[end].depleted_fraction <= settings.max_depletion) ++end;
  std::size_t first = 0;
  while (first < end && samples[first].time_h <= 0.0) ++first;
  if (end < first + static_cast<std::size_t>(settings.min_points)) return std::nullopt;

  const double reference = samples[end - 1].flux_ug_cm2_h;
  if (!(reference > 0.0)) return std::nullopt;
  std::size_t begin = end;
  while (begin > first &&
         std::abs(samples[begin - 1].flux_ug_cm2_h - reference) <= settings.flux_band * reference)
    --begin;
  if (end - begin < static_cast<std::size_t>(settings.min_points)) return std::nullopt;

  // Least-squares line Q = a + b t over the window.
  double st = 0, sq = 0, stt = 0, stq = 0;
  const double count = static_cast<double>(end - begin);
  for (std::size_t n = begin; n < end; ++n) {
    st += samples[n].time_h;
    sq += samples[n].receptor_ug_cm2;
    stt += samples[n].time_h * samples[n].time_h;
    stq += samples[n].time_h * samples[n].receptor_ug_cm2;
  }
  const double denominator = count * stt - st * st;
  if (!(denominator > 0.0)) return std::nullopt;
  const double slope = (count * stq - st * sq) / denominator;
  const double intercept = (sq - slope * st) / count;
  if (!(slope > 0.0)) return std::nullopt;
  return SteadyState{slope, -intercept / slope, samples[begin].time_h, samples[end - 1].time_h};
}

}  // namespace dermaflux::analysis
