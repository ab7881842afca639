// Rasterised channel volumes against the analytic frustum, square frustum and
// cylinder volumes, periodic wrap, symmetry and the exact cross-section areas.

#include <gtest/gtest.h>
#include <omp.h>

#include <cmath>

#include "meshes/ChannelRaster.hpp"
#include "meshes/Grading.hpp"
#include "meshes/LateralGrading.hpp"

namespace dermaflux {
namespace {

// A 300 um periodic cell refined around its centre like the solver's default
// mesh (3 um over the channel), with graded z cells from 2 to 25 um.
mesh::Grid default_like_grid(double centre_x = 150e-6) {
  const auto x = mesh::refined_nodes(300e-6, 10e-6, 3e-6, {centre_x}, 40e-6, 1.2, true);
  const auto y = mesh::refined_nodes(300e-6, 10e-6, 3e-6, {150e-6}, 40e-6, 1.2, true);
  std::vector<double> z{0.0};
  for (double h : mesh::graded_heights(400e-6, 2e-6, 1.2, 25e-6, 4)) z.push_back(z.back() - h);
  std::reverse(z.begin(), z.end());
  return mesh::Grid(x, y, z);
}

double rasterised_volume(const mesh::Grid& g, const std::vector<mesh::Channel>& channels,
                         bool periodic) {
  const auto f = mesh::channel_fractions(g, channels, periodic);
  double volume = 0.0;
  for (int k = 0; k < g.nz(); ++k)
    for (int j = 0; j < g.ny(); ++j)
      for (int i = 0; i < g.nx(); ++i) volume += f[g.index(i, j, k)] * g.cell_volume(i, j, k);
  return volume;
}

class ChannelVolume : public ::testing::TestWithParam<mesh::ChannelShape> {};

TEST_P(ChannelVolume, WithinATenthOfAPercentOfTheAnalyticVolume) {
  const auto g = default_like_grid();
  for (double surface_radius : {5e-6, 22e-6, 35e-6}) {
    const mesh::Channel c{150e-6,
                          150e-6,
                          300e-6,
                          surface_radius,
                          GetParam() == mesh::ChannelShape::Cylinder ? surface_radius : 2.5e-6,
                          GetParam()};
    const double exact = mesh::channel_volume(c);
    EXPECT_NEAR(rasterised_volume(g, {c}, true), exact, 1e-3 * exact)
        << "radius " << surface_radius;
  }
}

INSTANTIATE_TEST_SUITE_P(Shapes, ChannelVolume,
                         ::testing::Values(mesh::ChannelShape::Cone, mesh::ChannelShape::Pyramid,
                                           mesh::ChannelShape::Cylinder));

TEST(ChannelRaster, AChannelAcrossAPeriodicEdgeKeepsItsVolume) {
  const auto g = default_like_grid(5e-6);
  const mesh::Channel c{5e-6, 150e-6, 200e-6, 30e-6, 2.5e-6, mesh::ChannelShape::Cone};
  EXPECT_NEAR(rasterised_volume(g, {c}, true), mesh::channel_volume(c),
              1e-3 * mesh::channel_volume(c));
  // In a closed patch the part outside is cut off.
  EXPECT_LT(rasterised_volume(g, {c}, false), 0.75 * mesh::channel_volume(c));
}

TEST(ChannelRaster, FractionIsOneInsideZeroOutsideAndCappedWhereChannelsOverlap) {
  const auto g = default_like_grid();
  const mesh::Channel wide{150e-6, 150e-6, 100e-6, 30e-6, 30e-6, mesh::ChannelShape::Cylinder};
  const auto f = mesh::channel_fractions(g, {wide, wide}, true);
  int inside = 0;
  for (int k = 0; k < g.nz(); ++k) {
    for (int j = 0; j < g.ny(); ++j) {
      for (int i = 0; i < g.nx(); ++i) {
        const double phi = f[g.index(i, j, k)];
        EXPECT_LE(phi, 1.0);
        const double r = std::hypot(g.x_centre(i) - 150e-6, g.y_centre(j) - 150e-6);
        if (r < 20e-6 && g.z_centre(k) > -90e-6) {
          EXPECT_EQ(phi, 1.0);
          ++inside;
        }
        if (r > 40e-6 || g.z_centre(k) < -110e-6) {
          EXPECT_EQ(phi, 0.0);
        }
      }
    }
  }
  EXPECT_GT(inside, 100);
}

TEST(ChannelRaster, ACentredChannelGivesASymmetricFraction) {
  const auto g = default_like_grid();
  ASSERT_EQ(g.nx(), g.ny());
  const mesh::Channel c{150e-6, 150e-6, 250e-6, 25e-6, 2.5e-6, mesh::ChannelShape::Cone};
  const auto f = mesh::channel_fractions(g, {c}, true);
  for (int k = 0; k < g.nz(); ++k)
    for (int j = 0; j < g.ny(); ++j)
      for (int i = 0; i < g.nx(); ++i) {
        const double phi = f[g.index(i, j, k)];
        EXPECT_NEAR(f[g.index(j, i, k)], phi, 1e-12);  // rounding in the area formula
        EXPECT_NEAR(f[g.index(g.nx() - 1 - i, j, k)], phi, 1e-12);
      }
}

TEST(ChannelRaster, SameBitsForAnyThreadCount) {
  const auto g = default_like_grid();
  std::vector<mesh::Channel> many;
  for (int n = 0; n < 9; ++n)
    many.push_back({(n % 3 + 0.5) * 100e-6, (n / 3 + 0.5) * 100e-6, 150e-6, 20e-6, 2e-6,
                    mesh::ChannelShape::Cone});
  const int before = omp_get_max_threads();
  omp_set_num_threads(1);
  const auto one = mesh::channel_fractions(g, many, true);
  omp_set_num_threads(2);
  const auto two = mesh::channel_fractions(g, many, true);
  omp_set_num_threads(before);
  EXPECT_EQ(one, two);
}

TEST(ChannelRaster, CrossSectionAreasAreExact) {
  const mesh::Channel disc{0.0, 0.0, 10e-6, 1.0, 1.0, mesh::ChannelShape::Cylinder};
  // Whole disc, a quadrant, a half, a strip through the middle.
  EXPECT_NEAR(mesh::cross_section_area(disc, -1e-6, -2, 2, -2, 2), M_PI, 1e-14);
  EXPECT_NEAR(mesh::cross_section_area(disc, -1e-6, 0, 2, 0, 2), M_PI / 4, 1e-14);
  EXPECT_NEAR(mesh::cross_section_area(disc, -1e-6, -2, 2, 0, 2), M_PI / 2, 1e-14);
  // |x| < 0.5 strip: 2 * integral_{-0.5}^{0.5} sqrt(1 - x^2) dx = sqrt(3)/2 + pi/3.
  EXPECT_NEAR(mesh::cross_section_area(disc, -1e-6, -0.5, 0.5, -2, 2),
              std::sqrt(3.0) / 2 + M_PI / 3, 1e-14);
  const mesh::Channel square{0.0, 0.0, 10e-6, 1.0, 1.0, mesh::ChannelShape::Pyramid};
  EXPECT_NEAR(mesh::cross_section_area(square, -1e-6, 0.5, 3, -3, 0.25), 0.5 * 1.25, 1e-14);
  EXPECT_EQ(mesh::cross_section_area(square, 1e-6, -2, 2, -2, 2), 0.0);  // above the surface
}

}  // namespace
}  // namespace dermaflux
