// Channel closure: radius quanta as a function of time, closed channels dropped.

#include <gtest/gtest.h>

#include <cmath>

#include "model/ChannelClosure.hpp"

namespace dermaflux {
namespace {

mesh::Channel cone(double surface_radius_m) {
  return {0.0, 0.0, 100e-6, surface_radius_m, 2.5e-6, mesh::ChannelShape::Cone};
}

TEST(ChannelClosure, ChannelsThatNeverCloseKeepTheirRadius) {
  const model::ChannelClosure closure({cone(20e-6)}, std::nullopt);
  EXPECT_FALSE(closure.closes());
  EXPECT_EQ(closure.quantum_at(1e6), 0);
  ASSERT_EQ(closure.open_channels(closure.quantum_at(1e6)).size(), 1u);
  EXPECT_EQ(closure.open_channels(0)[0].surface_radius_m, 20e-6);
}

TEST(ChannelClosure, ZeroHalfLifeClosesEverythingAtOnce) {
  const model::ChannelClosure closure({cone(20e-6)}, 0.0);
  EXPECT_TRUE(closure.open_channels(closure.quantum_at(0.0)).empty());
}

TEST(ChannelClosure, RadiusHalvesEveryHalfLifeWithinOneQuantum) {
  const double half_life = 4.0 * 3600.0;
  const model::ChannelClosure closure({cone(20e-6)}, half_life);
  for (double t : {0.0, 600.0, half_life, 3.3 * half_life}) {
    const auto open = closure.open_channels(closure.quantum_at(t));
    ASSERT_EQ(open.size(), 1u);
    const double exact = 20e-6 * std::exp2(-t / half_life);
    EXPECT_LE(open[0].surface_radius_m, exact * (1.0 + model::kScaleQuantum) + 1e-18) << t;
    EXPECT_GE(open[0].surface_radius_m, exact * (1.0 - 1e-12)) << t;
    EXPECT_NEAR(open[0].bottom_radius_m / open[0].surface_radius_m, 2.5 / 20.0, 1e-12);
  }
  // The geometry depends on the time alone: the same quantum for nearby times.
  EXPECT_EQ(closure.quantum_at(1000.0), closure.quantum_at(1000.0 + 1e-3));
  EXPECT_LT(closure.quantum_at(1000.0), closure.quantum_at(2000.0));
}

TEST(ChannelClosure, NarrowChannelsCloseFirstThenAll) {
  const double half_life = 600.0;
  const model::ChannelClosure closure({cone(20e-6), cone(5e-6)}, half_life);
  // 5 um -> 0.1 um after log2(50) = 5.6 half-lives, 20 um after log2(200) = 7.6.
  EXPECT_EQ(closure.open_channels(closure.quantum_at(6.5 * half_life)).size(), 1u);
  EXPECT_TRUE(closure.open_channels(closure.quantum_at(8.0 * half_life)).empty());
  EXPECT_EQ(closure.quantum_at(100.0 * half_life), closure.quantum_at(200.0 * half_life));
}

}  // namespace
}  // namespace dermaflux
