#include "linear/PlaneLayout.hpp"

namespace dermaflux::linear {

PlaneLayout::PlaneLayout(int nx, int ny, bool periodic, Place place)
    : nx_(nx), ny_(ny), first_i_(place.first_i), first_j_(place.first_j) {
  const int whole_nx = place.whole_nx > 0 ? place.whole_nx : nx;
  const int whole_ny = place.whole_ny > 0 ? place.whole_ny : ny;
  const bool odd_x = periodic && whole_nx > 1 && whole_nx % 2 == 1;
  const bool odd_y = periodic && whole_ny > 1 && whole_ny % 2 == 1;
  colours_ = odd_x || odd_y ? 3 : 2;
  // The whole axis' last column, where the block holds it.
  last_column_ = odd_x && first_i_ + nx == whole_nx ? nx - 1 : -1;
  last_row_ = odd_y && first_j_ + ny == whole_ny ? ny - 1 : -1;
  for (int i = 0; i < nx; ++i) ++length_[class_of(i)];

  // Colour blocks one after the other; inside a block, the rows' runs in order,
  // or (three colours, a whole level) those of one row colour first (see the header).
  std::vector<std::size_t> block_size(static_cast<std::size_t>(colours_), 0);
  for (int j = 0; j < ny; ++j)
    for (int cls = 0; cls < 3; ++cls)
      block_size[static_cast<std::size_t>(colour(cls, j))] += static_cast<std::size_t>(length(cls));
  std::vector<std::size_t> next(static_cast<std::size_t>(colours_), 0);
  for (int c = 1; c < colours_; ++c)
    next[static_cast<std::size_t>(c)] =
        next[static_cast<std::size_t>(c - 1)] + block_size[static_cast<std::size_t>(c - 1)];
  offset_.assign(static_cast<std::size_t>(ny) * 3, 0);
  const bool grouped = colours_ == 3 && place.whole_nx == 0 && place.whole_ny == 0;
  for (int group = 0; group < (grouped ? 3 : 1); ++group)
    for (int j = 0; j < ny; ++j)
      for (int cls = 0; cls < 3; ++cls) {
        if (grouped && row_colour(j) != group) continue;
        std::size_t& at = next[static_cast<std::size_t>(colour(cls, j))];
        offset_[static_cast<std::size_t>(j) * 3 + static_cast<std::size_t>(cls)] = at;
        at += static_cast<std::size_t>(length(cls));
      }
}

}  // namespace dermaflux::linear
