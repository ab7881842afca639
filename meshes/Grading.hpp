#pragma once
// One-dimensional cell spacings: uniform lateral spacing, and geometric grading
// that starts fine at an interface and grows away from it.

#include <vector>

namespace dermaflux::mesh {

// `count` equal cells covering [0, extent]; count = ceil(extent / spacing), at least 1.
std::vector<double> uniform_nodes(double extent_m, double spacing_m);

// Cell heights filling `thickness_m` exactly, starting at most `first_m` tall and
// growing by a ratio of at most `growth` per cell, never taller than `max_m`, with
// at least `min_cells` cells. The first cell is the one at the interface the
// grading starts from. Chooses the fewest cells that fit, then shrinks the first
// cell (bisection) so the heights add up to the thickness exactly.
std::vector<double> graded_heights(double thickness_m, double first_m, double growth, double max_m,
                                   int min_cells);

}  // namespace dermaflux::mesh
