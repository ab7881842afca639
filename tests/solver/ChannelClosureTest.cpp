// Channel closure: update times, midpoint radii, closed channels dropped.

#include <gtest/gtest.h>

#include <cmath>

#include "model/ChannelClosure.hpp"

namespace dermaflux {
namespace {

mesh::Channel cone(double surface_radius_m) {
  return {0.0, 0.0, 100e-6, surface_radius_m, 2.5e-6, mesh::ChannelShape::Cone};
}

TEST(ChannelClosure, ChannelsThatNeverCloseHaveNoUpdatesAndKeepTheirRadius) {
  const model::ChannelClosure closure({cone(20e-6)}, std::nullopt);
  EXPECT_TRUE(closure.update_times(86400.0).empty());
  const auto open = closure.open_channels(50000.0);
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].surface_radius_m, 20e-6);
}

TEST(ChannelClosure, ZeroHalfLifeClosesEverythingAtOnce) {
  const model::ChannelClosure closure({cone(20e-6)}, 0.0);
  EXPECT_TRUE(closure.update_times(86400.0).empty());
  EXPECT_TRUE(closure.open_channels(0.0).empty());
}

TEST(ChannelClosure, RadiusHalvesEveryHalfLifeAtIntervalMidpoints) {
  const double half_life = 4.0 * 3600.0;
  const model::ChannelClosure closure({cone(20e-6)}, half_life);
  const auto times = closure.update_times(86400.0);
  ASSERT_GE(times.size(), 2u);
  // Each interval lets the radius fall by kRadiusStep.
  const double interval = times[1] - times[0];
  EXPECT_NEAR(std::exp2(-interval / half_life), 1.0 - model::kRadiusStep, 1e-12);
  const auto open = closure.open_channels(times[0]);
  ASSERT_EQ(open.size(), 1u);
  EXPECT_NEAR(open[0].surface_radius_m, 20e-6 * std::exp2(-(times[0] + 0.5 * interval) / half_life),
              1e-18);
  EXPECT_NEAR(open[0].bottom_radius_m / open[0].surface_radius_m, 2.5 / 20.0, 1e-12);
}

TEST(ChannelClosure, UpdatesStopOnceTheWidestChannelHasClosed) {
  const double half_life = 600.0;  // 10 min: 20 um -> 0.1 um in about 7.6 half-lives
  const model::ChannelClosure closure({cone(20e-6), cone(5e-6)}, half_life);
  const auto times = closure.update_times(86400.0);
  ASSERT_FALSE(times.empty());
  EXPECT_LT(times.back(), 10.0 * half_life);
  EXPECT_TRUE(closure.open_channels(times.back()).empty());
  // The narrower channel closes first.
  EXPECT_EQ(closure.open_channels(6.5 * half_life).size(), 1u);
}

}  // namespace
}  // namespace dermaflux
