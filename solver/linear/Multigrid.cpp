#include "linear/Multigrid.hpp"

#include <algorithm>

#include "core/Parallel.hpp"

namespace dermaflux::linear {
namespace {

StencilLevel fine_level(const op::DiffusionOperator& system) {
  const auto& g = system.grid();
  StencilLevel level;
  level.nx = g.nx();
  level.ny = g.ny();
  level.nz = g.nz();
  level.periodic = system.periodic();
  for (int i = 0; i < g.nx(); ++i) level.dx.push_back(g.dx(i));
  for (int j = 0; j < g.ny(); ++j) level.dy.push_back(g.dy(j));
  level.capacity = system.capacity().data();
  level.static_diagonal = system.static_diagonal().data();
  level.tx = system.tx().data();
  level.ty = system.ty().data();
  level.tz = system.tz().data();
  return level;
}

}  // namespace

MultigridPreconditioner::MultigridPreconditioner(const op::DiffusionOperator& system,
                                                 MultigridSettings settings)
    : system_(system), settings_(settings) {
  rebuild();
}

void MultigridPreconditioner::rebuild() {
  levels_.clear();
  smoothers_.clear();
  transfers_.clear();
  levels_.push_back(std::make_unique<StencilLevel>(fine_level(system_)));
  while (levels_.back()->columns() > 1)
    levels_.push_back(std::make_unique<StencilLevel>(coarsen(*levels_.back())));
  for (std::size_t l = 0; l + 1 < levels_.size(); ++l)
    transfers_.push_back(std::make_unique<LateralTransfer>(*levels_[l], *levels_[l + 1]));
  residual_.clear();
  coarse_rhs_.clear();
  coarse_x_.clear();
  for (std::size_t l = 0; l < levels_.size(); ++l) {
    const std::size_t n = levels_[l]->size();
    const bool has_coarser = l + 1 < levels_.size();
    smoothers_.push_back(std::make_unique<LineSmoother>(*levels_[l]));
    residual_.emplace_back(has_coarser ? n : 0, 0.0);
    coarse_rhs_.emplace_back(l > 0 ? n : 0, 0.0);  // level 0 works on the caller's vectors
    coarse_x_.emplace_back(l > 0 ? n : 0, 0.0);
  }
  update();
}

void MultigridPreconditioner::update() {
  for (auto& smoother : smoothers_) smoother->set_shift(system_.shift());
}

void MultigridPreconditioner::apply_impl(const Vector& r, Vector& z) const {
  std::fill(z.data(), z.data() + z.size(), 0.0);
  cycle(0, r.data(), z.data());
}

// One V-cycle on level l for S_l x = b, starting from x = 0.
void MultigridPreconditioner::cycle(std::size_t l, const double* b, double* x) const {
  const StencilLevel& level = *levels_[l];
  const LineSmoother& smoother = *smoothers_[l];
  if (l + 1 == levels_.size()) {
    smoother.solve_single_column(b, x);
    return;
  }
  for (int s = 0; s < settings_.smoothing_sweeps; ++s) smoother.sweep(b, x, true);

  // Residual, restricted by summing over the merged columns.
  double* residual = residual_[l].data();
  smoother.apply(x, residual);
  const std::size_t n = level.size();
#pragma omp parallel for schedule(static) if (n >= core::kParallelThreshold)
  for (std::size_t c = 0; c < n; ++c) residual[c] = b[c] - residual[c];

  const StencilLevel& coarse = *levels_[l + 1];
  double* coarse_b = coarse_rhs_[l + 1].data();
  double* coarse_x = coarse_x_[l + 1].data();
  transfers_[l]->restrict_residual(residual, coarse_b);
  std::fill(coarse_x, coarse_x + coarse.size(), 0.0);
  cycle(l + 1, coarse_b, coarse_x);
  transfers_[l]->add_prolonged(coarse_x, x);
  for (int s = 0; s < settings_.smoothing_sweeps; ++s) smoother.sweep(b, x, false);
}

}  // namespace dermaflux::linear
