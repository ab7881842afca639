#include "linear/LateralTransfer.hpp"

#include <cstddef>

#include "core/Parallel.hpp"
#include "core/Team.hpp"

namespace dermaflux::linear {

template <typename Real>
LateralTransfer<Real>::LateralTransfer(const StencilLevel<Real>& fine,
                                       const StencilLevel<Real>& coarse)
    : fine_(fine), coarse_(coarse), coarse_slot_(fine.columns()) {
  for (int j = 0; j < fine.ny; ++j)
    for (int i = 0; i < fine.nx; ++i)
      coarse_slot_[fine.layout.index(i, j)] =
          coarse.layout.index(coarse.from_x.parent[i], coarse.from_y.parent[j]);
}

template <typename Real>
void LateralTransfer<Real>::add_prolonged(const Real* coarse_x, Real* fine_x) const {
  core::in_region(fine_.size() >= core::kParallelThreshold,
                  [&] { add_prolonged_in_team(coarse_x, fine_x); });
}

template <typename Real>
void LateralTransfer<Real>::add_prolonged_in_team(const Real* coarse_x, Real* fine_x) const {
  const std::size_t fine_plane = fine_.columns(), coarse_plane = coarse_.columns();
  const std::size_t* from = coarse_slot_.data();
#pragma omp for schedule(static)
  for (int k = 0; k < fine_.nz; ++k) {
    const Real* cx = coarse_x + coarse_plane * static_cast<std::size_t>(k);
    Real* fx = fine_x + fine_plane * static_cast<std::size_t>(k);
    for (std::size_t s = 0; s < fine_plane; ++s) fx[s] += cx[from[s]];
  }
}

template class LateralTransfer<float>;
template class LateralTransfer<double>;

}  // namespace dermaflux::linear
