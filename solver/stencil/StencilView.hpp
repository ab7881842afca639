#pragma once
// The coefficients of a 7-point stencil on a rectilinear grid, as plain arrays
// that belong to someone else (op::DiffusionOperator): what the multigrid copies
// into its levels and hypre into its matrix, without knowing the operator's class.
// A view is valid until its owner reassembles or changes its shift; take a new one
// then (linear::StencilOperator::stencil()).

#include <cstddef>

#include "meshes/Grid.hpp"
#include "stencil/StencilKernels.hpp"

namespace dermaflux::stencil {

struct StencilView {
  const mesh::Grid* grid = nullptr;  // the cells, indexed by grid->index(i, j, k)
  bool periodic = false;             // the domain's sides wrap around in x and y
  double shift = 0.0;                // S = shift * capacity + A, 1/s
  // Per cell: capacity (m^3); the transmissibility of the face to the +x, +y, +z
  // neighbour (m^3/s, 0 across closed boundaries, the wrap face last in a
  // periodic direction).
  const double* capacity = nullptr;
  const double* tx = nullptr;
  const double* ty = nullptr;
  const double* tz = nullptr;
  // The diagonal of A (faces, boundary conductances, clearance; m^3/s) per cell is
  // not stored (8 B a cell): static_diagonal_at works it out from the faces, the
  // clearance per cell (null: none) and the conductances to the fixed top and the
  // bottom sink per column i + nx j (null: none).
  const double* clearance = nullptr;
  const double* top_conductance = nullptr;
  const double* bottom_conductance = nullptr;

  double static_diagonal_at(int i, int j, int k) const {
    const mesh::Grid& g = *grid;
    const std::size_t c = g.index(i, j, k);
    const Around<double> faces{tx[c], tx[g.index(previous_wrapped(i, g.nx()), j, k)],
                               ty[c], ty[g.index(i, previous_wrapped(j, g.ny()), k)],
                               tz[c], k > 0 ? tz[g.index(i, j, k - 1)] : 0.0};
    const std::size_t column = static_cast<std::size_t>(i) + static_cast<std::size_t>(g.nx()) * j;
    return stencil::static_diagonal(
        faces, clearance ? clearance[c] : 0.0,
        k == g.nz() - 1 && top_conductance ? top_conductance[column] : 0.0,
        k == 0 && bottom_conductance ? bottom_conductance[column] : 0.0);
  }
};

}  // namespace dermaflux::stencil
