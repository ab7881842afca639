#include "parallel/Slab.hpp"

#include <string>

#include "core/Error.hpp"

namespace dermaflux::parallel {

Slab slab_of_rank(int nz, int ranks, int rank) {
  if (ranks < 1 || rank < 0 || rank >= ranks)
    throw UsageError("slab_of_rank: rank " + std::to_string(rank) + " of " + std::to_string(ranks));
  if (nz < ranks)
    throw UsageError("the case's mesh has " + std::to_string(nz) + " z-planes, fewer than the " +
                     std::to_string(ranks) +
                     " MPI ranks it is to be split over (each rank takes whole planes); use at "
                     "most " +
                     std::to_string(nz) + " ranks, and threads within each");
  const int base = nz / ranks, extra = nz % ranks;
  Slab s;
  s.rank = rank;
  s.ranks = ranks;
  s.nz = nz;
  s.k_begin = rank * base + (rank < extra ? rank : extra);
  s.k_end = s.k_begin + base + (rank < extra ? 1 : 0);
  return s;
}

}  // namespace dermaflux::parallel
