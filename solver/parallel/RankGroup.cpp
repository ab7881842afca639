#include "parallel/RankGroup.hpp"

#include "parallel/Session.hpp"

namespace dermaflux::parallel {

RankGroup RankGroup::alone() {
  return RankGroup(0, 1, core::GlobalSum());
}

RankGroup RankGroup::everyone() {
  const Messenger& ranks = world();
  if (ranks.size() <= 1) return alone();
  return RankGroup(ranks.rank(), ranks.size(), world_sum());
}

}  // namespace dermaflux::parallel
