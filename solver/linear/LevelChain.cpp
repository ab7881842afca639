#include "linear/LevelChain.hpp"

#include <algorithm>

#include "core/Team.hpp"

namespace dermaflux::linear {

template <typename Real>
LevelChain<Real>::LevelChain(StencilLevel<Real> finest, int sweeps) : sweeps_(sweeps) {
  levels_.push_back(std::make_unique<StencilLevel<Real>>(std::move(finest)));
  while (levels_.back()->columns() > 1)
    levels_.push_back(std::make_unique<StencilLevel<Real>>(coarsen(*levels_.back())));
  for (std::size_t l = 0; l < levels_.size(); ++l) {
    const std::size_t n = levels_[l]->size();
    smoothers_.push_back(std::make_unique<LineSmoother<Real>>(*levels_[l]));
    if (l + 1 < levels_.size())
      transfers_.push_back(std::make_unique<LateralTransfer<Real>>(*levels_[l], *levels_[l + 1]));
    rhs_.emplace_back(n, Real(0));
    solution_.emplace_back(n, Real(0));
  }
}

template <typename Real>
void LevelChain<Real>::set_shift(double shift) {
  for (auto& smoother : smoothers_) smoother->set_shift(shift);
}

template <typename Real>
void LevelChain<Real>::cycle_in_team(std::size_t l) const {
  if (l + 1 == levels_.size() || !smoothers_[l]->worth_threads()) {
#pragma omp single
    cycle(l);
    return;
  }
  const LineSmoother<Real>& smoother = *smoothers_[l];
  const Real* b = rhs_[l].data();
  Real* x = solution_[l].data();
  smoother.sweep_in_team(b, x, true, sweeps_);
  // The coarse solution's zeros need no barrier of their own: the restriction's
  // closes both.
  Real* coarse_x = solution_[l + 1].data();
  const auto coarse_size = static_cast<std::ptrdiff_t>(solution_[l + 1].size());
#pragma omp for schedule(static) nowait
  for (std::ptrdiff_t n = 0; n < coarse_size; ++n) coarse_x[n] = Real(0);
  smoother.restrict_residual_in_team(b, x, *transfers_[l], rhs_[l + 1].data());
  cycle_in_team(l + 1);
  transfers_[l]->add_prolonged_in_team(coarse_x, x);
  smoother.sweep_in_team(b, x, false, sweeps_);
}

template <typename Real>
void LevelChain<Real>::cycle(std::size_t l) const {
  const LineSmoother<Real>& smoother = *smoothers_[l];
  const Real* b = rhs_[l].data();
  Real* x = solution_[l].data();
  if (l + 1 == levels_.size()) {
    smoother.solve_single_column(b, x);
    return;
  }
  smoother.sweep(b, x, true, sweeps_);
  smoother.restrict_residual(b, x, *transfers_[l], rhs_[l + 1].data());
  std::fill(solution_[l + 1].begin(), solution_[l + 1].end(), Real(0));
  cycle(l + 1);
  transfers_[l]->add_prolonged(solution_[l + 1].data(), x);
  smoother.sweep(b, x, false, sweeps_);
}

template class LevelChain<float>;
template class LevelChain<double>;

}  // namespace dermaflux::linear
