#include "linear/PlaneLayout.hpp"

namespace dermaflux::linear {

PlaneLayout::PlaneLayout(int nx, int ny, bool periodic) : nx_(nx), ny_(ny) {
  const bool odd_x = periodic && nx > 1 && nx % 2 == 1;
  const bool odd_y = periodic && ny > 1 && ny % 2 == 1;
  colours_ = odd_x || odd_y ? 3 : 2;
  last_column_ = odd_x ? nx - 1 : -1;
  last_row_ = odd_y ? ny - 1 : -1;
  for (int i = 0; i < nx; ++i) ++length_[class_of(i)];

  // Colour blocks one after the other; inside a block, the rows' runs in order.
  std::vector<std::size_t> block_size(static_cast<std::size_t>(colours_), 0);
  for (int j = 0; j < ny; ++j)
    for (int cls = 0; cls < 3; ++cls)
      block_size[static_cast<std::size_t>(colour(cls, j))] += static_cast<std::size_t>(length(cls));
  std::vector<std::size_t> next(static_cast<std::size_t>(colours_), 0);
  for (int c = 1; c < colours_; ++c)
    next[static_cast<std::size_t>(c)] =
        next[static_cast<std::size_t>(c - 1)] + block_size[static_cast<std::size_t>(c - 1)];
  offset_.assign(static_cast<std::size_t>(ny) * 3, 0);
  for (int j = 0; j < ny; ++j)
    for (int cls = 0; cls < 3; ++cls) {
      std::size_t& at = next[static_cast<std::size_t>(colour(cls, j))];
      offset_[static_cast<std::size_t>(j) * 3 + static_cast<std::size_t>(cls)] = at;
      at += static_cast<std::size_t>(length(cls));
    }
}

}  // namespace dermaflux::linear
