// Every unit and spelling the case format accepts reads to the right SI value.

#include <gtest/gtest.h>

#include <cmath>
#include <ostream>
#include <string>
#include <vector>

#include "input/Units.hpp"

namespace dermaflux::input {
namespace {

struct Spelling {
  std::string text;
  Dimension dimension;
  double expected_si;
};

void PrintTo(const Spelling& spelling, std::ostream* out) {
  *out << spelling.text;
}

class UnitSpellings : public ::testing::TestWithParam<Spelling> {};

TEST_P(UnitSpellings, ReadsToSi) {
  // Arrange
  const Spelling& spelling = GetParam();
  // Act
  const double value = parse_quantity(spelling.text, spelling.dimension);
  // Assert: within rounding of the decimal scale factors
  EXPECT_NEAR(value, spelling.expected_si, 1e-14 * std::abs(spelling.expected_si));
}

INSTANTIATE_TEST_SUITE_P(
    Lengths, UnitSpellings,
    ::testing::Values(
        Spelling{"2 m", Dimension::Length, 2.0}, Spelling{"1.5 cm", Dimension::Length, 1.5e-2},
        Spelling{"3 mm", Dimension::Length, 3e-3}, Spelling{"15 um", Dimension::Length, 15e-6},
        Spelling{"15 \u00B5m", Dimension::Length, 15e-6},  // micro sign
        Spelling{"15 \u03BCm", Dimension::Length, 15e-6},  // Greek mu
        Spelling{"15um", Dimension::Length, 15e-6},
        Spelling{"  15   um  ", Dimension::Length, 15e-6},
        Spelling{"500 nm", Dimension::Length, 500e-9}, Spelling{"+2 mm", Dimension::Length, 2e-3},
        Spelling{"-70 um", Dimension::Length, -70e-6}, Spelling{".5 mm", Dimension::Length, 0.5e-3},
        Spelling{"1.5e-05 m", Dimension::Length, 1.5e-5}));

INSTANTIATE_TEST_SUITE_P(Times, UnitSpellings,
                         ::testing::Values(Spelling{"30 s", Dimension::Time, 30.0},
                                           Spelling{"5 min", Dimension::Time, 300.0},
                                           Spelling{"24 h", Dimension::Time, 86400.0},
                                           Spelling{"2 d", Dimension::Time, 172800.0},
                                           Spelling{"0.5h", Dimension::Time, 1800.0}));

INSTANTIATE_TEST_SUITE_P(
    Diffusivities, UnitSpellings,
    ::testing::Values(Spelling{"2.5e-10 cm^2/s", Dimension::Diffusivity, 2.5e-14},
                      Spelling{"2.5e-10 cm2/s", Dimension::Diffusivity, 2.5e-14},
                      Spelling{"1e-9 m^2/s", Dimension::Diffusivity, 1e-9},
                      Spelling{"100 um^2/s", Dimension::Diffusivity, 1e-10},
                      Spelling{"3.6 cm^2/h", Dimension::Diffusivity, 1e-7},
                      Spelling{"1 mm^2/min", Dimension::Diffusivity, 1e-6 / 60.0},
                      Spelling{"1 cm^2*s^-1", Dimension::Diffusivity, 1e-4},
                      Spelling{"1 cm^2\u00B7s^-1", Dimension::Diffusivity, 1e-4},
                      Spelling{"1 cm^2 / s", Dimension::Diffusivity, 1e-4},
                      Spelling{"1 \u00B5m^2/s", Dimension::Diffusivity, 1e-12}));

INSTANTIATE_TEST_SUITE_P(
    Concentrations, UnitSpellings,
    ::testing::Values(Spelling{"30 mg/mL", Dimension::Concentration, 30.0},
                      Spelling{"30 mg/ml", Dimension::Concentration, 30.0},
                      Spelling{"30 g/L", Dimension::Concentration, 30.0},
                      Spelling{"30 g/l", Dimension::Concentration, 30.0},
                      Spelling{"500 ug/mL", Dimension::Concentration, 0.5},
                      Spelling{"500 \u00B5g/mL", Dimension::Concentration, 0.5},
                      Spelling{"500 \u03BCg/mL", Dimension::Concentration, 0.5},
                      Spelling{"2 ng/uL", Dimension::Concentration, 2e-3},
                      Spelling{"1 kg/m^3", Dimension::Concentration, 1.0},
                      Spelling{"1 kg/m3", Dimension::Concentration, 1.0},
                      Spelling{"1 mg\u00B7mL^-1", Dimension::Concentration, 1.0},
                      Spelling{"3 %", Dimension::Concentration, 30.0},  // % w/v
                      Spelling{"3%", Dimension::Concentration, 30.0},
                      Spelling{"3 % w/v", Dimension::Concentration, 30.0},
                      Spelling{"3 %w/v", Dimension::Concentration, 30.0}));

INSTANTIATE_TEST_SUITE_P(
    VolumesPerArea, UnitSpellings,
    ::testing::Values(Spelling{"10 uL/cm^2", Dimension::VolumePerArea, 1e-4},
                      Spelling{"10 ul/cm2", Dimension::VolumePerArea, 1e-4},
                      Spelling{"10 \u00B5L/cm^2", Dimension::VolumePerArea, 1e-4},
                      Spelling{"10 \u03BCL/cm^2", Dimension::VolumePerArea, 1e-4},
                      Spelling{"10 \u00B5l/cm^2", Dimension::VolumePerArea, 1e-4},
                      Spelling{"10 \u03BCl/cm^2", Dimension::VolumePerArea, 1e-4},
                      Spelling{"0.01 mL/cm^2", Dimension::VolumePerArea, 1e-4},
                      Spelling{"1 L/m^2", Dimension::VolumePerArea, 1e-3},
                      Spelling{"100 um", Dimension::VolumePerArea, 1e-4}));

INSTANTIATE_TEST_SUITE_P(MolarMasses, UnitSpellings,
                         ::testing::Values(Spelling{"194.19 g/mol", Dimension::MolarMass, 0.19419},
                                           Spelling{"194.19 Da", Dimension::MolarMass, 0.19419},
                                           Spelling{"50 kDa", Dimension::MolarMass, 50.0},
                                           Spelling{"1 kg/mol", Dimension::MolarMass, 1.0},
                                           Spelling{"194.19 mg/mmol", Dimension::MolarMass,
                                                    0.19419}));

INSTANTIATE_TEST_SUITE_P(Rates, UnitSpellings,
                         ::testing::Values(Spelling{"1e-4 1/s", Dimension::Rate, 1e-4},
                                           Spelling{"0.36 1/h", Dimension::Rate, 1e-4},
                                           Spelling{"6 1/min", Dimension::Rate, 0.1},
                                           Spelling{"2 s^-1", Dimension::Rate, 2.0},
                                           Spelling{"2 h^-1", Dimension::Rate, 2.0 / 3600.0},
                                           Spelling{"0.5/h", Dimension::Rate, 0.5 / 3600.0},
                                           Spelling{"0 1/s", Dimension::Rate, 0.0}));

TEST(UnitValues, DecimalPrefixesGiveTheNearestDouble) {
  // Arrange: a value in um, whose naive product 15 * 1e-6 is one ulp off 1.5e-5
  // Act
  const double value = parse_quantity("15 um", Dimension::Length);
  // Assert
  EXPECT_EQ(value, 1.5e-5);
}

TEST(UnitValues, SiSpellingsAreExact) {
  EXPECT_EQ(parse_quantity("86400 s", Dimension::Time), 86400.0);
  EXPECT_EQ(parse_quantity("2.5e-14 m^2/s", Dimension::Diffusivity), 2.5e-14);
  EXPECT_EQ(parse_quantity("0.19419 kg/mol", Dimension::MolarMass), 0.19419);
}

TEST(UnitValues, WholeTimeUnitsAreExact) {
  EXPECT_EQ(parse_quantity("24 h", Dimension::Time), 86400.0);
  EXPECT_EQ(parse_quantity("1 d", Dimension::Time), 86400.0);
  EXPECT_EQ(parse_quantity("1440 min", Dimension::Time), 86400.0);
}

TEST(UnitValues, NegativeZeroKeepsItsSign) {
  EXPECT_TRUE(std::signbit(parse_quantity("-0 um", Dimension::Length)));
}

}  // namespace
}  // namespace dermaflux::input
