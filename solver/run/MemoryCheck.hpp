#pragma once
// Memory preflight and accounting. Before anything big is allocated, the run
// estimates its memory from the mesh size and refuses a case that will not fit,
// saying how much it needs and how much there is; at the end it reports the
// process's peak resident memory.

#include <cstddef>
#include <optional>
#include <string>

namespace dermaflux::run {

// Bytes a run needs per cell, as doubles: the operator 5 (capacity, three faces,
// the diagonal; clearance 1 more when a layer clears), the channel fractions 1, the
// integrator 6 (field, three amounts, right-hand side, the attempt's field; a film
// compartment 2 more), CG 3, the float multigrid hierarchy about 5.5: 20.5. A
// snapshot's buffers (1.5) go into CG's vectors, freed for them; a checkpoint is
// streamed from the fields to its file and back (nothing field-sized). About 20.3
// per added cell measured (RESULTS.md, "Memory"); 25 leaves room for a film,
// clearance and variable order's fourth history level.
inline constexpr double kBytesPerCell = 25.0 * 8.0;
// Libraries, VTK and the executable itself.
inline constexpr double kFixedBytes = 64.0 * 1024 * 1024;

double estimated_bytes(std::size_t cells);

// What the process may still use: MemAvailable, or the cgroup limit minus usage
// when that is lower. nullopt when neither can be read.
std::optional<double> available_bytes();

// Throws UsageError when estimated_bytes(cells) exceeds what is available.
void check_memory(std::size_t cells);

// A rank of a case split over ranks: its block's cells with hypre's PFMG-CG
// (measured 460 B per cell with everything, RESULTS.md "Distributed runs"), times
// the ranks on its node, which share the node's memory. Empty when it fits, else
// why not.
inline constexpr double kSplitBytesPerCell = 60.0 * 8.0;
std::optional<std::string> split_memory_shortfall(std::size_t block_cells, int ranks_on_node);

// Peak resident set size of this process (VmHWM), in MB; 0 if unknown.
double peak_rss_mb();

}  // namespace dermaflux::run
