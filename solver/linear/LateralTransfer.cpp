#include "linear/LateralTransfer.hpp"

#include <cstddef>

#include "core/Parallel.hpp"

namespace dermaflux::linear {
namespace {

// Coarse index of fine index i along an axis of n fine cells (see StencilLevel.cpp).
inline int parent(int i, int n) {
  return n > 1 ? i / 2 : 0;
}

}  // namespace

template <typename Real>
LateralTransfer<Real>::LateralTransfer(const StencilLevel<Real>& fine,
                                       const StencilLevel<Real>& coarse)
    : fine_(fine), coarse_(coarse), coarse_position_(static_cast<std::size_t>(fine.nx)) {
  const SplitRows f = fine.split(), c = coarse.split();
  for (int p = 0; p < fine.nx; ++p)
    coarse_position_[static_cast<std::size_t>(p)] = c.position(parent(f.column(p), fine.nx));
}

template <typename Real>
void LateralTransfer<Real>::restrict_residual(const Real* fine_r, Real* coarse_b) const {
  const std::size_t fine_plane = fine_.columns(), coarse_plane = coarse_.columns();
  const int* to = coarse_position_.data();
#pragma omp parallel for schedule(static) if (fine_.size() >= core::kParallelThreshold)
  for (int k = 0; k < fine_.nz; ++k) {
    Real* cb = coarse_b + coarse_plane * static_cast<std::size_t>(k);
    const Real* fr = fine_r + fine_plane * static_cast<std::size_t>(k);
    for (std::size_t c = 0; c < coarse_plane; ++c) cb[c] = Real(0);
    // Fixed summation order (j, then position): deterministic for any thread count.
    for (int j = 0; j < fine_.ny; ++j) {
      Real* crow = cb + static_cast<std::size_t>(coarse_.nx) * parent(j, fine_.ny);
      const Real* frow = fr + static_cast<std::size_t>(fine_.nx) * j;
      for (int p = 0; p < fine_.nx; ++p) crow[to[p]] += frow[p];
    }
  }
}

template <typename Real>
void LateralTransfer<Real>::add_prolonged(const Real* coarse_x, Real* fine_x) const {
  const std::size_t fine_plane = fine_.columns(), coarse_plane = coarse_.columns();
  const int* from = coarse_position_.data();
#pragma omp parallel for schedule(static) if (fine_.size() >= core::kParallelThreshold)
  for (int k = 0; k < fine_.nz; ++k) {
    const Real* cx = coarse_x + coarse_plane * static_cast<std::size_t>(k);
    Real* fx = fine_x + fine_plane * static_cast<std::size_t>(k);
    for (int j = 0; j < fine_.ny; ++j) {
      const Real* crow = cx + static_cast<std::size_t>(coarse_.nx) * parent(j, fine_.ny);
      Real* frow = fx + static_cast<std::size_t>(fine_.nx) * j;
      for (int p = 0; p < fine_.nx; ++p) frow[p] += crow[from[p]];
    }
  }
}

template class LateralTransfer<float>;
template class LateralTransfer<double>;

}  // namespace dermaflux::linear
