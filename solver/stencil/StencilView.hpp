#pragma once
// The coefficients of a 7-point stencil on a rectilinear grid, as plain arrays
// that belong to someone else (op::DiffusionOperator): what the multigrid copies
// into its levels and hypre into its matrix, without knowing the operator's class.
// A view is valid until its owner reassembles or changes its shift; take a new one
// then (linear::StencilOperator::stencil()).

#include "meshes/Grid.hpp"

namespace dermaflux::stencil {

struct StencilView {
  const mesh::Grid* grid = nullptr;  // the cells, indexed by grid->index(i, j, k)
  bool periodic = false;             // the domain's sides wrap around in x and y
  double shift = 0.0;                // S = shift * capacity + A, 1/s
  // Per cell: capacity (m^3); the diagonal of A (faces, boundary conductances,
  // clearance; m^3/s); the transmissibility of the face to the +x, +y, +z
  // neighbour (m^3/s, 0 across closed boundaries, the wrap face last in a
  // periodic direction).
  const double* capacity = nullptr;
  const double* static_diagonal = nullptr;
  const double* tx = nullptr;
  const double* ty = nullptr;
  const double* tz = nullptr;
};

}  // namespace dermaflux::stencil
