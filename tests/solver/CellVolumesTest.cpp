// The time stepper's error weights worked out from column areas and plane
// heights are bitwise the grid's cell volumes, at every plane boundary.

#include <gtest/gtest.h>

#include "meshes/Grid.hpp"
#include "timestep/CellVolumes.hpp"

namespace dermaflux {
namespace {

TEST(CellVolumes, AreBitwiseTheGridsCellVolumes) {
  const mesh::Grid grid({0.0, 1e-6, 3.5e-6, 4e-6}, {0.0, 2e-6, 2.3e-6},
                        {-5e-4, -1e-4, -3e-5, -1.5e-5, 0.0, 1e-5});
  const timestep::CellVolumes volumes(grid);
  ASSERT_EQ(volumes.size(), grid.cell_count());
  for (int k = 0; k < grid.nz(); ++k)
    for (int j = 0; j < grid.ny(); ++j)
      for (int i = 0; i < grid.nx(); ++i)
        ASSERT_EQ(volumes[grid.index(i, j, k)], grid.cell_volume(i, j, k)) << i << j << k;
}

}  // namespace
}  // namespace dermaflux
