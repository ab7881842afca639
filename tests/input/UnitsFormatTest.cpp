// Writing quantities back: SI strings that read back bit for bit, and friendly
// strings for comments.

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "input/Units.hpp"

namespace dermaflux::input {
namespace {

constexpr Dimension kAllDimensions[] = {Dimension::Length,
                                        Dimension::Time,
                                        Dimension::Diffusivity,
                                        Dimension::Concentration,
                                        Dimension::VolumePerArea,
                                        Dimension::MolarMass,
                                        Dimension::Rate,
                                        Dimension::PerArea,
                                        Dimension::Area,
                                        Dimension::Mass,
                                        Dimension::EvaporationRate,
                                        Dimension::DosePerBodyWeight};

std::vector<double> special_values() {
  using limits = std::numeric_limits<double>;
  return {0.0,
          -0.0,
          1.0,
          0.1,
          1.0 / 3.0,
          15e-6,
          1.5e-5,
          2.5e-14,
          86400.0,
          0.19419,
          1e-4,
          limits::max(),
          limits::min(),
          limits::denorm_min(),
          -limits::max(),
          123456789012345678.0,
          5e-324,
          2.2250738585072009e-308,
          1e22,
          1e23};
}

// Many finite doubles of every magnitude: random bit patterns, non-finite ones skipped.
std::vector<double> random_values(std::size_t count) {
  std::mt19937_64 generator(20240601);
  std::vector<double> values;
  while (values.size() < count) {
    const double value = std::bit_cast<double>(generator());
    if (std::isfinite(value)) values.push_back(value);
  }
  return values;
}

void expect_round_trip(double value, Dimension dimension) {
  const std::string text = format_si(value, dimension);
  const double back = parse_quantity(text, dimension);
  EXPECT_EQ(std::bit_cast<std::uint64_t>(back), std::bit_cast<std::uint64_t>(value))
      << text << " read back as " << back;
}

TEST(FormatSi, SpecialValuesRoundTripBitForBit) {
  for (const Dimension dimension : kAllDimensions) {
    for (const double value : special_values()) expect_round_trip(value, dimension);
  }
}

TEST(FormatSi, RandomValuesRoundTripBitForBit) {
  const std::vector<double> values = random_values(20000);
  for (const Dimension dimension : kAllDimensions) {
    for (const double value : values) expect_round_trip(value, dimension);
  }
}

TEST(FormatSi, UsesShortestDigitsAndTheSiUnit) {
  EXPECT_EQ(format_si(1.5e-5, Dimension::Length), "1.5e-05 m");
  EXPECT_EQ(format_si(86400.0, Dimension::Time), "86400 s");
  EXPECT_EQ(format_si(2.5e-14, Dimension::Diffusivity), "2.5e-14 m^2/s");
  EXPECT_EQ(format_si(30.0, Dimension::Concentration), "30 kg/m^3");
  EXPECT_EQ(format_si(1e-4, Dimension::VolumePerArea), "1e-04 m");
  EXPECT_EQ(format_si(0.19419, Dimension::MolarMass), "0.19419 kg/mol");
  EXPECT_EQ(format_si(0.0, Dimension::Rate), "0 1/s");
}

TEST(FormatFriendly, UsesTheUnitsPeopleRead) {
  EXPECT_EQ(format_friendly(1.5e-5, Dimension::Length), "15 um");
  EXPECT_EQ(format_friendly(86400.0, Dimension::Time), "24 h");
  EXPECT_EQ(format_friendly(2.5e-14, Dimension::Diffusivity), "2.5e-10 cm^2/s");
  EXPECT_EQ(format_friendly(30.0, Dimension::Concentration), "30 mg/mL");
  EXPECT_EQ(format_friendly(1e-4, Dimension::VolumePerArea), "10 uL/cm^2");
  EXPECT_EQ(format_friendly(0.19419, Dimension::MolarMass), "194.19 g/mol");
  EXPECT_EQ(format_friendly(1e-4, Dimension::Rate), "0.0001 1/s");
}

TEST(FormatFriendly, RoundsToSixSignificantDigits) {
  EXPECT_EQ(format_friendly(1.23456789e-5, Dimension::Length), "12.3457 um");
  EXPECT_EQ(format_friendly(15e-6, Dimension::Length), "15 um");  // 15 * 1e-6 is one ulp off
}

TEST(DescribeAndSiUnit, NameEveryDimension) {
  EXPECT_EQ(describe(Dimension::Length), "a length such as \"15 um\"");
  EXPECT_EQ(describe(Dimension::Time), "a time such as \"24 h\"");
  EXPECT_EQ(describe(Dimension::Diffusivity), "a diffusivity such as \"2.5e-10 cm^2/s\"");
  EXPECT_EQ(describe(Dimension::Concentration), "a concentration such as \"30 mg/mL\"");
  EXPECT_EQ(describe(Dimension::VolumePerArea), "a volume per area such as \"10 uL/cm^2\"");
  EXPECT_EQ(describe(Dimension::MolarMass), "a molar mass such as \"194.2 g/mol\"");
  EXPECT_EQ(describe(Dimension::Rate), "a rate such as \"1e-4 1/s\"");
  EXPECT_EQ(si_unit(Dimension::Diffusivity), "m^2/s");
  EXPECT_EQ(si_unit(Dimension::Concentration), "kg/m^3");
  EXPECT_EQ(si_unit(Dimension::VolumePerArea), "m");
  EXPECT_EQ(si_unit(Dimension::Rate), "1/s");
}

}  // namespace
}  // namespace dermaflux::input
