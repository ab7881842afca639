#pragma once
// How `mpirun -n P dermaflux run` cuts one case over its ranks: into slabs of
// whole z-planes, rank 0 at the bottom (the receptor side). Planes hold the same
// number of cells, so equal plane counts balance the work; a whole plane on one
// rank keeps every per-plane figure (layer amounts, depth profiles) local, and
// the only neighbours are the ranks above and below, one plane of halo each.
// hypre's Struct solver, given each rank's box, exchanges those halos.

namespace dermaflux::parallel {

struct Slab {
  int rank = 0;
  int ranks = 1;
  int k_begin = 0;  // first plane of this rank
  int k_end = 0;    // one past its last
  int nz = 0;       // planes of the whole grid

  int planes() const { return k_end - k_begin; }
  bool whole() const { return k_begin == 0 && k_end == nz; }
  bool has_bottom() const { return k_begin == 0; }
  bool has_top() const { return k_end == nz; }
};

// Rank `rank` of `ranks`: nz planes split as evenly as possible, the first
// nz % ranks ranks one plane more. Throws UsageError when there are fewer planes
// than ranks (a rank would hold nothing).
Slab slab_of_rank(int nz, int ranks, int rank);

}  // namespace dermaflux::parallel
