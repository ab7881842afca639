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

void LateralTransfer::restrict_residual(const double* fine_r, double* coarse_b) const {
  const std::size_t fine_plane = fine_.columns(), coarse_plane = coarse_.columns();
#pragma omp parallel for schedule(static) if (fine_.size() >= core::kParallelThreshold)
  for (int k = 0; k < fine_.nz; ++k) {
    double* cb = coarse_b + coarse_plane * static_cast<std::size_t>(k);
    const double* fr = fine_r + fine_plane * static_cast<std::size_t>(k);
    for (std::size_t c = 0; c < coarse_plane; ++c) cb[c] = 0.0;
    // Fixed summation order (j, then i): deterministic for any thread count.
    for (int j = 0; j < fine_.ny; ++j) {
      double* crow = cb + static_cast<std::size_t>(coarse_.nx) * parent(j, fine_.ny);
      const double* frow = fr + static_cast<std::size_t>(fine_.nx) * j;
      for (int i = 0; i < fine_.nx; ++i) crow[parent(i, fine_.nx)] += frow[i];
    }
  }
}

void LateralTransfer::add_prolonged(const double* coarse_x, double* fine_x) const {
  const std::size_t fine_plane = fine_.columns(), coarse_plane = coarse_.columns();
#pragma omp parallel for schedule(static) if (fine_.size() >= core::kParallelThreshold)
  for (int k = 0; k < fine_.nz; ++k) {
    const double* cx = coarse_x + coarse_plane * static_cast<std::size_t>(k);
    double* fx = fine_x + fine_plane * static_cast<std::size_t>(k);
    for (int j = 0; j < fine_.ny; ++j) {
      const double* crow = cx + static_cast<std::size_t>(coarse_.nx) * parent(j, fine_.ny);
      double* frow = fx + static_cast<std::size_t>(fine_.nx) * j;
      for (int i = 0; i < fine_.nx; ++i) frow[i] += crow[parent(i, fine_.nx)];
    }
  }
}

}  // namespace dermaflux::linear
