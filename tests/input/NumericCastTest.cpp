#include "core/NumericCast.hpp"

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <limits>

namespace dermaflux::core {
namespace {

TEST(SaturatingCast, InRangeValuesTruncateLikeStaticCast) {
  EXPECT_EQ(saturating_cast<int>(3.99), 3);
  EXPECT_EQ(saturating_cast<int>(-3.99), -3);
  EXPECT_EQ(saturating_cast<long>(1e15), 1000000000000000L);
}

TEST(SaturatingCast, OutOfRangeValuesSaturate) {
  EXPECT_EQ(saturating_cast<int>(3.56578e+122), std::numeric_limits<int>::max());
  EXPECT_EQ(saturating_cast<int>(-1e300), std::numeric_limits<int>::min());
  EXPECT_EQ(saturating_cast<std::int64_t>(9.3e18), std::numeric_limits<std::int64_t>::max());
  EXPECT_EQ(saturating_cast<std::size_t>(-1.0), std::size_t{0});
  EXPECT_EQ(saturating_cast<int>(std::numeric_limits<double>::infinity()),
            std::numeric_limits<int>::max());
}

TEST(SaturatingCast, NanIsZero) {
  EXPECT_EQ(saturating_cast<int>(std::numeric_limits<double>::quiet_NaN()), 0);
}

}  // namespace
}  // namespace dermaflux::core
