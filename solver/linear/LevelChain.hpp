#pragma once
// The levels of one multigrid hierarchy in one process, from a finest StencilLevel
// down to a single column (StencilLevel: coarsen), with their line smoothers,
// transfers and vectors, and the symmetric V-cycle over them (Multigrid.hpp says
// what it is made of). MultigridPreconditioner runs it from the operator's grid; a
// level split over ranks gathers its coarse levels onto its coarse ranks and runs it from
// there (DistributedMultigrid.hpp).

#include <memory>
#include <vector>

#include "core/StaggeredAllocator.hpp"
#include "linear/LateralTransfer.hpp"
#include "linear/LineSmoother.hpp"
#include "linear/StencilLevel.hpp"

namespace dermaflux::linear {

template <typename Real>
class LevelChain {
 public:
  LevelChain(StencilLevel<Real> finest, int sweeps);

  void set_shift(double shift);
  int levels() const { return static_cast<int>(levels_.size()); }
  const StencilLevel<Real>& level(std::size_t l) const { return *levels_[l]; }
  // Level l's right-hand side and solution, which cycle(l) reads and writes.
  Real* rhs(std::size_t l) const { return rhs_[l].data(); }
  Real* solution(std::size_t l) const { return solution_[l].data(); }

  // One V-cycle on level l for S_l x = b (rhs(l), solution(l)), from x = 0.
  void cycle(std::size_t l) const;
  // The same by every thread of an enclosing region (core/Team.hpp): the levels
  // worth threads share each kernel, with a barrier after it; the first that is
  // not (and all coarser ones) runs on one thread while the others wait, one
  // barrier in all. The same kernels in the same order as cycle(): the same bits.
  void cycle_in_team(std::size_t l) const;

 private:
  int sweeps_;
  std::vector<std::unique_ptr<StencilLevel<Real>>> levels_;
  std::vector<std::unique_ptr<LineSmoother<Real>>> smoothers_;
  std::vector<std::unique_ptr<LateralTransfer<Real>>> transfers_;  // level l to l + 1
  // Per level: right-hand side and solution.
  mutable std::vector<core::StaggeredVector<Real>> rhs_, solution_;
};

}  // namespace dermaflux::linear
