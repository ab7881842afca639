#include "linear/Multigrid.hpp"

#include <algorithm>
#include <vector>

#include "core/Parallel.hpp"
#include "core/Team.hpp"
#include "linear/LevelChain.hpp"

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
  Levels(const stencil::StencilView& system, int sweeps)
      : chain_(fine_level<Real>(system), sweeps) {
    const StencilLevel<Real>& fine = chain_.level(0);
    for (int j = 0; j < fine.ny; ++j)
      for (int i = 0; i < fine.nx; ++i) slot_of_column_.push_back(fine.layout.index(i, j));
  }

  void set_shift(double shift) override { chain_.set_shift(shift); }

  int levels() const override { return chain_.levels(); }

  // By every thread of an enclosing region (core/Team.hpp), or one alone.
  void apply_in_team(const double* r, double* z) const override {
    const StencilLevel<Real>& fine = chain_.level(0);
    const std::size_t plane = fine.columns();
    const std::size_t* slot = slot_of_column_.data();
    Real* b = chain_.rhs(0);
    Real* x = chain_.solution(0);
    // Into the level's layout and Real, and back: each plane is permuted.
#pragma omp for schedule(static)
    for (int k = 0; k < fine.nz; ++k) {
      const std::size_t o = plane * static_cast<std::size_t>(k);
      for (std::size_t n = 0; n < plane; ++n) b[o + slot[n]] = static_cast<Real>(r[o + n]);
      std::fill(x + o, x + o + plane, Real(0));
    }
    chain_.cycle_in_team(0);
#pragma omp for schedule(static)
    for (int k = 0; k < fine.nz; ++k) {
      const std::size_t o = plane * static_cast<std::size_t>(k);
      for (std::size_t n = 0; n < plane; ++n) z[o + n] = static_cast<double>(x[o + slot[n]]);
    }
  }

 private:
  LevelChain<Real> chain_;
  std::vector<std::size_t> slot_of_column_;  // finest plane: where column i + nx j is stored
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
