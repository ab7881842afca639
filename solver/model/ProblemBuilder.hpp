#pragma once
// Case -> Problem: builds the layered mesh from the case's lengths and mesh
// settings, and turns layers, serum and domain into materials, boundaries and the
// initial field. The only place where the case's vocabulary meets the numerics.

#include "input/Case.hpp"
#include "model/Problem.hpp"

namespace dermaflux::model {

mesh::VerticalSpec vertical_spec(const input::Case& c);
mesh::LateralSpec lateral_spec(const input::Case& c);
// Cells of the case's mesh, without allocating any per-cell data (memory preflight).
std::size_t planned_cell_count(const input::Case& c);

Problem build_problem(const input::Case& c);

}  // namespace dermaflux::model
