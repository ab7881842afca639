#include "parallel/FaceExchange.hpp"

namespace dermaflux::parallel {

int neighbour_rank(const Block& block, int face) {
  const auto axis = static_cast<std::size_t>(face / 2);
  std::array<int, 3> at = block.position;
  const int parts = block.parts[axis];
  at[axis] = (at[axis] + (face % 2 == 0 ? parts - 1 : 1)) % parts;
  return at[0] + block.parts[0] * (at[1] + block.parts[1] * at[2]);
}

}  // namespace dermaflux::parallel
