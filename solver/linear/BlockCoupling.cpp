#include "linear/BlockCoupling.hpp"

#include <algorithm>

namespace dermaflux::linear {

CutFaces::CutFaces(const StencilOperator& block, parallel::FaceLayers transmissibility)
    : t_(std::move(transmissibility)) {
  const mesh::Grid& g = *block.stencil().grid;
  const std::array<int, 3> cells{g.nx(), g.ny(), g.nz()};
  for (int face = 0; face < 6; ++face) {
    if (t_[face].empty()) continue;
    const int axis = face / 2;
    const int layer = face % 2 == 0 ? 0 : cells[static_cast<std::size_t>(axis)] - 1;
    std::vector<std::size_t>& list = cells_[face];
    list.resize(t_[face].size());
    parallel::for_each_face_cell(cells, axis, layer,
                                 [&](const std::array<int, 3>& at, std::size_t n) {
                                   list[n] = g.index(at[0], at[1], at[2]);
                                 });
  }
}

void CoupledBlockOperator::apply_impl(const Vector& x, Vector& y) const {
  for (int face = 0; face < 6; ++face) {
    const std::vector<std::size_t>& cell = faces_.cells(face);
    outgoing_[face].resize(cell.size());
    for (std::size_t n = 0; n < cell.size(); ++n) outgoing_[face][n] = x[cell[n]];
  }
  exchange_.exchange(outgoing_, incoming_);
  block_.apply(x, y);
  // Face by face, in a fixed order: the same bits for any thread count.
  for (int face = 0; face < 6; ++face) {
    const std::vector<std::size_t>& cell = faces_.cells(face);
    const std::vector<double>& t = faces_.transmissibility(face);
    const std::vector<double>& across = incoming_[face];
    for (std::size_t n = 0; n < cell.size(); ++n) y[cell[n]] += t[n] * (x[cell[n]] - across[n]);
  }
}

}  // namespace dermaflux::linear
