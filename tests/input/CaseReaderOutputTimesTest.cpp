// How time.output_every and time.outputs resolve to the list of output times.

#include <gtest/gtest.h>

#include "input/CaseTestSupport.hpp"

namespace dermaflux::input {
namespace {

// The resolved output times of the valid case with its time section (lines 16-18)
// replaced by `time_section`.
std::vector<double> output_times(const std::string& time_section) {
  const std::string text = testing::replace_lines(testing::kValidCase, 16, 18, time_section);
  return testing::read_test_case(text).time.output_times_s;
}

TEST(OutputTimes, EveryHourOverADay) {
  // Act
  const std::vector<double> times = output_times("time:\n  end: 24 h\n  output_every: 1 h");
  // Assert
  ASSERT_EQ(times.size(), 25u);
  for (std::size_t k = 0; k < times.size(); ++k)
    EXPECT_EQ(times[k], 3600.0 * static_cast<double>(k));
}

TEST(OutputTimes, IntervalNotDividingEndStillEndsAtEnd) {
  EXPECT_EQ(output_times("time:\n  end: 10 h\n  output_every: 3 h"),
            (std::vector<double>{0.0, 10800.0, 21600.0, 32400.0, 36000.0}));
}

TEST(OutputTimes, RoundingNearEndDoesNotAddASliverStep) {
  // Arrange: 0.1 h is not exact in binary; its 10th multiple lands next to 1 h
  // Act
  const std::vector<double> times = output_times("time:\n  end: 1 h\n  output_every: 0.1 h");
  // Assert
  ASSERT_EQ(times.size(), 11u);
  EXPECT_EQ(times.front(), 0.0);
  EXPECT_EQ(times.back(), 3600.0);
  EXPECT_LT(times[9], 3600.0 - 1.0);
}

TEST(OutputTimes, IntervalLongerThanEndGivesStartAndEnd) {
  EXPECT_EQ(output_times("time:\n  end: 1 h\n  output_every: 2 h"),
            (std::vector<double>{0.0, 3600.0}));
}

TEST(OutputTimes, NeitherKeyGivesTwentyFourIntervals) {
  // Act
  const std::vector<double> times = output_times("time:\n  end: 48 h");
  // Assert
  ASSERT_EQ(times.size(), 25u);
  EXPECT_EQ(times[1], 7200.0);
  EXPECT_EQ(times.back(), 172800.0);
}

TEST(OutputTimes, ExplicitListGetsZeroAndEnd) {
  EXPECT_EQ(output_times("time:\n  end: 24 h\n  outputs: [0.5 h, 1 h, 4 h]"),
            (std::vector<double>{0.0, 1800.0, 3600.0, 14400.0, 86400.0}));
}

TEST(OutputTimes, ExplicitListEndingAtEndHasItOnce) {
  EXPECT_EQ(output_times("time:\n  end: 2 h\n  outputs: [1 h, 120 min]"),
            (std::vector<double>{0.0, 3600.0, 7200.0}));
}

TEST(OutputTimes, ListTimeWithinRoundingOfEndIsEnd) {
  // Arrange: 0.1 h and 6 min differ by rounding only
  // Act
  const std::vector<double> times = output_times("time:\n  end: 6 min\n  outputs: [0.1 h]");
  // Assert
  EXPECT_EQ(times, (std::vector<double>{0.0, 360.0}));
}

}  // namespace
}  // namespace dermaflux::input
