#pragma once
// Case -> Problem: builds the layered mesh from the case's lengths and mesh
// settings (refined laterally around needle channels), and turns layers, serum,
// needles and domain into materials, channel fractions, boundaries and the initial
// field. The only place where the case's vocabulary meets the numerics.

#include <array>
#include <vector>

#include "input/Case.hpp"
#include "meshes/Channel.hpp"
#include "model/Problem.hpp"
#include "parallel/Block.hpp"

namespace dermaflux::model {

// The channels the case's needles leave (empty for intact skin), fully open.
std::vector<mesh::Channel> case_channels(const input::Case& c);

// Lateral spacing over channels: `mesh.channel_spacing`, or automatically an
// eighth of the narrowest surface radius, between 1 um and `mesh.lateral_spacing`.
// Why an eighth: on the quick-start the film and stratum corneum amounts at 24 h,
// which depend on how finely the closing channels are resolved, are within 1 % of
// a twice-refined mesh with it and 4 % with a quarter (benchmarks/RESULTS.md,
// "Mesh convergence").
inline constexpr double kAutoChannelSpacingFraction = 0.125;
double channel_spacing(const input::Case& c, const std::vector<mesh::Channel>& channels);

mesh::VerticalSpec vertical_spec(const input::Case& c);
mesh::LateralSpec lateral_spec(const input::Case& c, const std::vector<mesh::Channel>& channels);

// The case's mesh alone: coordinates and plane materials, no per-cell data.
mesh::LayeredMesh case_mesh(const input::Case& c);

// The problem with `open` channels rasterised (pass case_channels(c) for t = 0).
// Cells of the case's mesh, without allocating any per-cell data (memory preflight).
std::size_t planned_cell_count(const input::Case& c);

Problem build_problem(const input::Case& c, const std::vector<mesh::Channel>& open);
inline Problem build_problem(const input::Case& c) {
  return build_problem(c, case_channels(c));
}

// One rank's block of a case split over ranks (parallel/Block.hpp): the problem
// of its cells alone, closed where it meets a neighbour block (and not wrapping
// around a periodic side it was cut along), and the transmissibilities of those
// faces, which the distributed solver couples the blocks with. Coefficients,
// boundaries and initial field equal the whole problem's on those cells, bit for
// bit, and so do the faces (the whole operator's tx, ty, tz there).
//
// faces[2 a] is the face towards the lower neighbour along axis a (x, y, z), and
// faces[2 a + 1] towards the upper one; each holds one value per cell of the
// block's layer along it, the other two axes' indices with the first fastest
// (x faces: j + ny k; y faces: i + nx k; z faces: i + nx j). Empty where the
// block spans the axis or meets the domain's own closed side, top or bottom.
struct BlockProblem {
  Problem problem;
  std::array<std::vector<double>, 6> faces;
};
// `whole` is case_mesh(c).
BlockProblem build_block_problem(const input::Case& c, const mesh::LayeredMesh& whole,
                                 const std::vector<mesh::Channel>& open,
                                 const parallel::Block& block);

// Re-rasterises `open` channels into an existing problem (its cells' coefficients
// follow: CellCoefficients).
void set_channels(Problem& problem, const std::vector<mesh::Channel>& open);

}  // namespace dermaflux::model
