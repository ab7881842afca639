// Lateral refinement around channels: fine bands, bounded growth, exact ends,
// mirror symmetry, periodic wrap.

#include <gtest/gtest.h>

#include <cmath>

#include "meshes/LateralGrading.hpp"

namespace dermaflux {
namespace {

void expect_valid(const std::vector<double>& nodes, double extent, double coarse, double growth) {
  ASSERT_GE(nodes.size(), 2u);
  EXPECT_EQ(nodes.front(), 0.0);
  EXPECT_EQ(nodes.back(), extent);
  for (std::size_t n = 1; n < nodes.size(); ++n) {
    const double width = nodes[n] - nodes[n - 1];
    EXPECT_GT(width, 0.0);
    EXPECT_LE(width, coarse * (1 + 1e-9));
    if (n >= 2) {
      const double ratio = width / (nodes[n - 1] - nodes[n - 2]);
      // Growth is bounded except where a periodic cut splits one cell in two.
      EXPECT_LE(std::max(ratio, 1.0 / ratio), growth * 2.0 + 1e-9);
    }
  }
}

double widest_in(const std::vector<double>& nodes, double begin, double end) {
  double widest = 0.0;
  for (std::size_t n = 1; n < nodes.size(); ++n)
    if (nodes[n - 1] >= begin - 1e-15 && nodes[n] <= end + 1e-15)
      widest = std::max(widest, nodes[n] - nodes[n - 1]);
  return widest;
}

TEST(LateralGrading, FineOverTheChannelCoarseAwayFromIt) {
  const auto nodes = mesh::refined_nodes(500e-6, 20e-6, 3e-6, {250e-6}, 30e-6, 1.2, true);
  expect_valid(nodes, 500e-6, 20e-6, 1.2);
  EXPECT_LE(widest_in(nodes, 220e-6, 280e-6), 3e-6 * (1 + 1e-9));
  EXPECT_GT(widest_in(nodes, 0.0, 100e-6), 15e-6);
  EXPECT_LT(nodes.size(), 500e-6 / 3e-6);  // far fewer cells than refining everything
}

TEST(LateralGrading, ACentredChannelGivesMirrorSymmetricNodes) {
  for (bool periodic : {true, false}) {
    const auto nodes = mesh::refined_nodes(400e-6, 20e-6, 4e-6, {200e-6}, 25e-6, 1.15, periodic);
    const std::size_t n = nodes.size();
    for (std::size_t k = 0; k < n; ++k) EXPECT_NEAR(nodes[k] + nodes[n - 1 - k], 400e-6, 1e-18);
  }
}

TEST(LateralGrading, PeriodicBandsWrapAroundTheEnds) {
  const auto nodes = mesh::refined_nodes(500e-6, 20e-6, 3e-6, {10e-6}, 30e-6, 1.2, true);
  expect_valid(nodes, 500e-6, 20e-6, 1.2);
  EXPECT_LE(widest_in(nodes, 0.0, 40e-6), 3e-6 * (1 + 1e-9));
  EXPECT_LE(widest_in(nodes, 480e-6, 500e-6), 3e-6 * (1 + 1e-9));
}

TEST(LateralGrading, ManyChannelsAndNoChannels) {
  const auto many =
      mesh::refined_nodes(1e-3, 20e-6, 5e-6, {100e-6, 120e-6, 600e-6, 990e-6}, 20e-6, 1.2, false);
  expect_valid(many, 1e-3, 20e-6, 1.2);
  const auto none = mesh::refined_nodes(1e-3, 20e-6, 5e-6, {}, 20e-6, 1.2, true);
  EXPECT_EQ(none.size(), 51u);
  EXPECT_THROW(mesh::refined_nodes(1e-3, 0.0, 5e-6, {}, 1e-6, 1.2, true), std::invalid_argument);
}

}  // namespace
}  // namespace dermaflux
