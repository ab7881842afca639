#include "linear/Multigrid.hpp"

#include <algorithm>
#include <vector>

#include "core/Parallel.hpp"
#include "core/Team.hpp"
#include "linear/LateralTransfer.hpp"
#include "linear/LineSmoother.hpp"
#include "linear/StencilLevel.hpp"

namespace dermaflux::linear {

class MultigridPreconditioner::Hierarchy {
 public:
  virtual ~Hierarchy() = default;
  virtual void set_shift(double shift) = 0;
  virtual void apply_in_team(const double* r, double* z) const = 0;
  virtual int levels() const = 0;
};

namespace {

template <typename Real>
class Levels final : public MultigridPreconditioner::Hierarchy {
 public:
  Levels(const stencil::StencilView& system, int sweeps) : sweeps_(sweeps) {
    levels_.push_back(std::make_unique<StencilLevel<Real>>(fine_level<Real>(system)));
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
    const StencilLevel<Real>& fine = *levels_[0];
    for (int j = 0; j < fine.ny; ++j)
      for (int i = 0; i < fine.nx; ++i) slot_of_column_.push_back(fine.layout.index(i, j));
  }

  void set_shift(double shift) override {
    for (auto& smoother : smoothers_) smoother->set_shift(shift);
  }

  int levels() const override { return static_cast<int>(levels_.size()); }

  // By every thread of an enclosing region (core/Team.hpp), or one alone.
  void apply_in_team(const double* r, double* z) const override {
    const StencilLevel<Real>& fine = *levels_[0];
    const std::size_t plane = fine.columns();
    const std::size_t* slot = slot_of_column_.data();
    Real* b = rhs_[0].data();
    Real* x = solution_[0].data();
    // Into the level's layout and Real, and back: each plane is permuted.
#pragma omp for schedule(static)
    for (int k = 0; k < fine.nz; ++k) {
      const std::size_t o = plane * static_cast<std::size_t>(k);
      for (std::size_t n = 0; n < plane; ++n) b[o + slot[n]] = static_cast<Real>(r[o + n]);
      std::fill(x + o, x + o + plane, Real(0));
    }
    cycle_in_team(0);
#pragma omp for schedule(static)
    for (int k = 0; k < fine.nz; ++k) {
      const std::size_t o = plane * static_cast<std::size_t>(k);
      for (std::size_t n = 0; n < plane; ++n) z[o + n] = static_cast<double>(x[o + slot[n]]);
    }
  }

 private:
  // The V-cycle from level l by the team: the levels worth threads share each
  // kernel, with a barrier after it; the first that is not (and all coarser ones)
  // runs on one thread while the others wait, one barrier in all. The same
  // kernels in the same order as cycle(): the same bits.
  void cycle_in_team(std::size_t l) const {
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

  // One V-cycle on level l for S_l x = b (rhs_[l], solution_[l]), from x = 0.
  void cycle(std::size_t l) const {
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

  int sweeps_;
  std::vector<std::unique_ptr<StencilLevel<Real>>> levels_;
  std::vector<std::unique_ptr<LineSmoother<Real>>> smoothers_;
  std::vector<std::unique_ptr<LateralTransfer<Real>>> transfers_;  // level l to l + 1
  std::vector<std::size_t> slot_of_column_;  // finest plane: where column i + nx j is stored
  // Per level: right-hand side and solution.
  mutable std::vector<core::StaggeredVector<Real>> rhs_, solution_;
};

}  // namespace

MultigridPreconditioner::MultigridPreconditioner(const StencilOperator& system,
                                                 MultigridSettings settings)
    : system_(system), settings_(settings) {
  rebuild();
}

MultigridPreconditioner::~MultigridPreconditioner() = default;

void MultigridPreconditioner::rebuild() {
  hierarchy_.reset();  // the old copy goes before the new one is made
  factored_shift_.reset();
  if (settings_.single_precision)
    hierarchy_ = std::make_unique<Levels<float>>(system_.stencil(), settings_.smoothing_sweeps);
  else
    hierarchy_ = std::make_unique<Levels<double>>(system_.stencil(), settings_.smoothing_sweeps);
  update();
}

void MultigridPreconditioner::update() {
  // Fixed steps (and steps held at max_step) keep the shift: the factors stand.
  const double shift = system_.stencil().shift;
  if (factored_shift_ == shift) return;
  hierarchy_->set_shift(shift);
  factored_shift_ = shift;
}

int MultigridPreconditioner::levels() const {
  return hierarchy_->levels();
}

void MultigridPreconditioner::apply_impl(const Vector& r, Vector& z) const {
  core::in_region(size() >= core::kParallelThreshold, [&] { apply_in_team_impl(r, z); });
}

void MultigridPreconditioner::apply_in_team_impl(const Vector& r, Vector& z) const {
  hierarchy_->apply_in_team(r.data(), z.data());
}

}  // namespace dermaflux::linear
