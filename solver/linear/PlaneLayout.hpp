#pragma once
// Where the cells of one z-plane of a multigrid level are stored: grouped by the
// line smoother's colour, so that a colour pass streams through one contiguous
// block of every array per plane (on this machine 2-2.5 times faster than even
// columns and odd columns alternating inside every row, which breaks each array
// into pieces of half a row that the prefetcher cannot follow; RESULTS.md).
//
// The colouring (as in LineSmoother): column i has the axis colour ax(i) = i % 2,
// except that the last column of a periodic axis with an odd count (whose wrap
// neighbour, column 0, has the same parity) gets 2; likewise ay(j) for rows. A
// column's colour is (ax(i) + ay(j)) % colours, with 3 colours when a periodic axis
// is odd and 2 otherwise, so no two lateral neighbours share one. A rank's block of
// a level split over ranks (DistributedMultigrid.hpp) is a part of the whole level
// (`Place`): each of its columns takes the colour of its place in the whole level,
// classes and runs staying the block's own (the whole odd axis' last column, if
// the block holds it, is the block's last).
//
// Inside a row the columns fall into classes by ax: even, odd and (if any) the odd
// axis' last column. Each class of a row has one colour and is stored as a run of
// consecutive cells in increasing i; the runs of a colour follow each other row by
// row, and the colours' blocks follow each other in the plane. An even column
// i = 2r is the r-th cell of its row's even run, an odd one i = 2r + 1 the r-th of
// the odd run: the neighbours of interior cells are at fixed ranks of the other run.
//
// A whole level with three colours stores a colour's runs grouped by row colour
// ay (0, 1, then 2), rows in order inside a group: a colour's runs of one group are
// of one class, their east, north and south neighbours' runs also follow each
// other in the same steps, so the line smoother relaxes them as one loop a plane
// (its stretches, LineSmoother.hpp). Row by row, a colour's runs would alternate
// between classes whose neighbours sit in different colour blocks. (A rank's
// block keeps the row-by-row order.)

#include <cstddef>
#include <vector>

namespace dermaflux::linear {

// Where a plane lies in a whole level: its first column and row there, and the
// whole level's columns and rows (0: the plane is the whole level).
struct PlanePlace {
  int first_i = 0, first_j = 0, whole_nx = 0, whole_ny = 0;
};

class PlaneLayout {
 public:
  enum Class { kEven = 0, kOdd = 1, kLast = 2 };
  using Place = PlanePlace;

  PlaneLayout() = default;
  PlaneLayout(int nx, int ny, bool periodic, Place place = {});

  int nx() const { return nx_; }
  int ny() const { return ny_; }
  int colours() const { return colours_; }
  std::size_t plane() const {
    return static_cast<std::size_t>(nx_) * static_cast<std::size_t>(ny_);
  }

  // The class of column i and its rank in the class (column i is the rank-th).
  int class_of(int i) const { return i == last_column_ ? kLast : i % 2; }
  int rank_of(int i) const { return i == last_column_ ? 0 : i / 2; }
  // Column of the rank-th cell of a class.
  int column(int cls, int rank) const { return cls == kLast ? last_column_ : 2 * rank + cls; }
  // Cells of a class in every row.
  int length(int cls) const { return length_[static_cast<std::size_t>(cls)]; }

  int colour(int cls, int j) const { return (axis_colour(cls) + row_colour(j)) % colours_; }
  // Offset within the plane of the first cell of class cls in row j.
  std::size_t offset(int cls, int j) const {
    return offset_[static_cast<std::size_t>(j) * 3 + static_cast<std::size_t>(cls)];
  }
  // Offset within the plane of column i of row j.
  std::size_t index(int i, int j) const {
    return offset(class_of(i), j) + static_cast<std::size_t>(rank_of(i));
  }

 private:
  // The axis colours ax, ay of the whole level (see above).
  int axis_colour(int cls) const { return cls == kLast ? 2 : (cls + first_i_) % 2; }
  int row_colour(int j) const { return j == last_row_ ? 2 : (j + first_j_) % 2; }

  int nx_ = 1, ny_ = 1, colours_ = 2, first_i_ = 0, first_j_ = 0;
  int last_column_ = -1, last_row_ = -1;  // the odd periodic axes' special last index
  int length_[3] = {0, 0, 0};
  std::vector<std::size_t> offset_;  // per row, per class
};

}  // namespace dermaflux::linear
