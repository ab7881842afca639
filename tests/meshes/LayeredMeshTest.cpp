// The layered skin mesh: interfaces on grid planes, grading limits, film.

#include <gtest/gtest.h>

#include <cmath>

#include "meshes/Grading.hpp"
#include "meshes/LayeredMesh.hpp"

namespace dermaflux {
namespace {

TEST(Grading, HeightsFillTheThicknessWithinTheLimits) {
  const auto heights = mesh::graded_heights(1200e-6, 5e-6, 1.2, 50e-6, 4);
  double sum = 0.0;
  for (double h : heights) sum += h;
  EXPECT_NEAR(sum, 1200e-6, 1e-18);
  EXPECT_LE(heights.front(), 5e-6);
  for (std::size_t n = 1; n < heights.size(); ++n) {
    EXPECT_LE(heights[n] / heights[n - 1], 1.2 * (1 + 1e-9));
    EXPECT_LE(heights[n], 50e-6 * (1 + 1e-9));
  }
}

TEST(Grading, ThinLayerGetsAtLeastMinCells) {
  const auto heights = mesh::graded_heights(15e-6, 100e-6, 1.2, 50e-6, 6);
  EXPECT_GE(heights.size(), 6u);
}

TEST(Grading, UniformNodesCoverTheExtentWithTheRequestedSpacing) {
  const auto nodes = mesh::uniform_nodes(500e-6, 10e-6);
  EXPECT_EQ(nodes.size(), 51u);
  EXPECT_DOUBLE_EQ(nodes.back(), 500e-6);
}

TEST(LayeredMesh, InterfacesAreGridPlanesAndMaterialsFollowLayers) {
  // Arrange
  mesh::VerticalSpec vertical;
  vertical.layer_thickness_m = {15e-6, 70e-6, 1200e-6};
  vertical.film_thickness_m = 100e-6;
  vertical.min_cells_per_layer = 4;
  vertical.growth = 1.2;
  vertical.max_spacing_m = 50e-6;
  // Act
  const auto m = mesh::build_layered_mesh(vertical, mesh::uniform_lateral(500e-6, 400e-6, 10e-6));
  // Assert: the surface and each interface coincide with a node.
  const auto& z = m.grid.z_nodes_m();
  auto has_node = [&](double depth) {
    for (double v : z)
      if (std::abs(v - depth) < 1e-15) return true;
    return false;
  };
  EXPECT_TRUE(has_node(0.0));
  EXPECT_TRUE(has_node(-15e-6));
  EXPECT_TRUE(has_node(-85e-6));
  EXPECT_NEAR(z.front(), -1285e-6, 1e-15);
  EXPECT_NEAR(z.back(), 100e-6, 1e-15);
  // Materials: vehicle above the surface, layers 1..3 below, each >= 4 planes.
  std::vector<int> planes(4, 0);
  for (int k = 0; k < m.grid.nz(); ++k) {
    const int material = m.material_of_plane(k);
    ++planes[static_cast<std::size_t>(material)];
    EXPECT_EQ(material == 0, m.grid.z_centre(k) > 0.0);
  }
  for (int count : planes) EXPECT_GE(count, 4);
  EXPECT_EQ(m.grid.nx(), 50);
  EXPECT_EQ(m.grid.ny(), 40);
  // Neighbouring heights never jump by more than the growth factor across interfaces.
  for (int k = 1; k < m.grid.nz(); ++k) {
    const double ratio = m.grid.dz(k) / m.grid.dz(k - 1);
    EXPECT_LE(std::max(ratio, 1.0 / ratio), 1.2 * (1 + 1e-9)) << "k = " << k;
  }
}

TEST(LayeredMesh, InfiniteDoseHasNoFilm) {
  mesh::VerticalSpec vertical;
  vertical.layer_thickness_m = {20e-6};
  const auto m = mesh::build_layered_mesh(vertical, mesh::uniform_lateral(10e-6, 10e-6, 10e-6));
  EXPECT_FALSE(m.has_film());
  EXPECT_DOUBLE_EQ(m.grid.z_nodes_m().back(), 0.0);
  EXPECT_EQ(m.top_skin_plane(), m.grid.nz() - 1);
}

}  // namespace
}  // namespace dermaflux
