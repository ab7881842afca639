// RankGroup: alone every collective is trivial; in a group its sum decides.
#include <gtest/gtest.h>

#include <cmath>
#include <span>
#include <vector>

#include "parallel/RankGroup.hpp"

namespace dermaflux::parallel {
namespace {

TEST(RankGroup, AloneIsRankZeroOfOneAndEveryCollectiveIsTrivial) {
  const RankGroup alone = RankGroup::alone();
  EXPECT_EQ(alone.rank(), 0);
  EXPECT_EQ(alone.size(), 1);
  EXPECT_TRUE(alone.is_root());
  EXPECT_FALSE(alone.split());
  EXPECT_FALSE(alone.global_sum());
  EXPECT_EQ(alone.sum(-0.0), -0.0);
  EXPECT_TRUE(std::signbit(alone.sum(-0.0)));  // the value itself, not 0 + value
  EXPECT_TRUE(alone.any(true));
  EXPECT_FALSE(alone.any(false));
  alone.barrier();
}

// Rank 1 of two whose partner always contributes `partner`.
RankGroup second_of_two(double partner, int* calls) {
  return RankGroup(1, 2, [partner, calls](std::span<double> values) {
    ++*calls;
    for (double& v : values) v = partner + v;  // rank order: rank 0's value first
  });
}

TEST(RankGroup, AnyIsTrueWhenAnotherRankSaysYes) {
  int calls = 0;
  const RankGroup group = second_of_two(1.0, &calls);
  EXPECT_FALSE(group.is_root());
  EXPECT_TRUE(group.split());
  EXPECT_TRUE(group.any(false));
  EXPECT_EQ(calls, 1);
}

TEST(RankGroup, AnyIsFalseOnlyWhenNoRankSaysYes) {
  int calls = 0;
  const RankGroup group = second_of_two(0.0, &calls);
  EXPECT_FALSE(group.any(false));
  EXPECT_TRUE(group.any(true));
}

TEST(RankGroup, BarrierAndSumsAreCollectives) {
  int calls = 0;
  const RankGroup group = second_of_two(2.0, &calls);
  group.barrier();
  EXPECT_EQ(group.sum(3.0), 5.0);
  std::vector<double> values{1.0, 4.0};
  group.sum(values);
  EXPECT_EQ(values, (std::vector<double>{3.0, 6.0}));
  EXPECT_EQ(calls, 3);
}

}  // namespace
}  // namespace dermaflux::parallel
