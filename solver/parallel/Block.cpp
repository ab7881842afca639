#include "parallel/Block.hpp"

#include <cstdio>
#include <limits>

#include "core/Error.hpp"

namespace dermaflux::parallel {
namespace {

// Faces between cells that a split cuts: each cut along an axis severs a whole
// cross-section of the grid.
double cut_faces(const std::array<int, 3>& whole, const std::array<int, 3>& parts, bool periodic) {
  const double nx = whole[0], ny = whole[1], nz = whole[2];
  const double section[3] = {ny * nz, nx * nz, nx * ny};
  double faces = 0.0;
  for (int a = 0; a < 3; ++a) {
    const int p = parts[static_cast<std::size_t>(a)];
    if (p == 1) continue;
    const bool wraps = periodic && a < 2;
    faces += (wraps ? p : p - 1) * section[a];
  }
  return faces;
}

std::string shape_of(const std::array<int, 3>& whole) {
  return std::to_string(whole[0]) + " x " + std::to_string(whole[1]) + " x " +
         std::to_string(whole[2]);
}

}  // namespace

std::array<int, 3> choose_parts(const std::array<int, 3>& whole, int ranks, bool periodic,
                                bool columns_first) {
  std::array<int, 3> best{0, 0, 0};
  double best_faces = std::numeric_limits<double>::infinity();
  // z outermost and ascending: among equal cuts the first found has fewest z parts.
  for (int pz = 1; pz <= ranks; ++pz) {
    if (columns_first && pz > 1 && best[0] != 0) break;  // a split in columns was found
    if (ranks % pz != 0 || pz > whole[2]) continue;
    for (int py = 1; py <= ranks / pz; ++py) {
      if ((ranks / pz) % py != 0 || py > whole[1]) continue;
      const int px = ranks / pz / py;
      if (px > whole[0]) continue;
      const std::array<int, 3> parts{px, py, pz};
      const double faces = cut_faces(whole, parts, periodic);
      // Our smoother's runs follow x, so among equal cuts it keeps x whole longest.
      const bool fewer_x_cuts = columns_first && pz == best[2] && px < best[0];
      if (faces < best_faces || (faces == best_faces && fewer_x_cuts)) {
        best_faces = faces;
        best = parts;
      }
    }
  }
  if (best[0] == 0)
    throw UsageError("cannot split the case's mesh of " + shape_of(whole) + " cells over " +
                     std::to_string(ranks) +
                     " MPI ranks: every rank needs at least one cell along each axis of its "
                     "block; use fewer ranks (and threads within each)");
  return best;
}

std::array<int, 3> parse_parts(const std::string& text, const std::array<int, 3>& whole,
                               int ranks) {
  std::array<int, 3> parts{0, 0, 0};
  char x1 = 0, x2 = 0, rest = 0;
  const int read =
      std::sscanf(text.c_str(), "%d%c%d%c%d%c", &parts[0], &x1, &parts[1], &x2, &parts[2], &rest);
  if (read != 5 || (x1 != 'x' && x1 != 'X') || (x2 != 'x' && x2 != 'X') || parts[0] < 1 ||
      parts[1] < 1 || parts[2] < 1)
    throw UsageError(
        "--decomposition expects ranks along x, y and z as PXxPYxPZ (e.g. 2x2x1), "
        "found \"" +
        text + "\"");
  if (parts[0] * parts[1] * parts[2] != ranks)
    throw UsageError("--decomposition " + text + " makes " +
                     std::to_string(parts[0] * parts[1] * parts[2]) + " blocks for " +
                     std::to_string(ranks) + " MPI ranks");
  for (int a = 0; a < 3; ++a)
    if (parts[static_cast<std::size_t>(a)] > whole[static_cast<std::size_t>(a)])
      throw UsageError("--decomposition " + text + " cuts the mesh of " + shape_of(whole) +
                       " cells into more blocks along " + "xyz"[a] + " than it has cells");
  return parts;
}

Block block_of_rank(const std::array<int, 3>& whole, const std::array<int, 3>& parts, int rank) {
  Block b;
  b.rank = rank;
  b.ranks = parts[0] * parts[1] * parts[2];
  b.parts = parts;
  b.whole = whole;
  if (rank < 0 || rank >= b.ranks)
    throw UsageError("block_of_rank: rank " + std::to_string(rank) + " of " +
                     std::to_string(b.ranks));
  b.position = {rank % parts[0], (rank / parts[0]) % parts[1], rank / (parts[0] * parts[1])};
  for (std::size_t a = 0; a < 3; ++a) {
    const int n = whole[a], p = parts[a], at = b.position[a];
    const int base = n / p, extra = n % p;
    b.cells[a].begin = at * base + (at < extra ? at : extra);
    b.cells[a].end = b.cells[a].begin + base + (at < extra ? 1 : 0);
  }
  return b;
}

std::string describe_parts(const std::array<int, 3>& parts) {
  return std::to_string(parts[0]) + " x " + std::to_string(parts[1]) + " x " +
         std::to_string(parts[2]);
}

}  // namespace dermaflux::parallel
