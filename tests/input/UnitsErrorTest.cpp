// Quantity strings that must be refused, each with a sentence saying why.

#include <gtest/gtest.h>

#include <string>

#include "input/Units.hpp"

namespace dermaflux::input {
namespace {

// The UnitError message for `text`, or "" if it was accepted.
std::string unit_error(const std::string& text, Dimension dimension) {
  try {
    parse_quantity(text, dimension);
  } catch (const UnitError& error) {
    return error.what();
  }
  return "";
}

TEST(UnitErrors, WrongDimensionNamesBoth) {
  EXPECT_EQ(unit_error("3 mm", Dimension::Diffusivity), "'3 mm' is a length, not a diffusivity");
  EXPECT_EQ(unit_error("3 s", Dimension::Length), "'3 s' is a time, not a length");
  EXPECT_EQ(unit_error("10 uL", Dimension::VolumePerArea),
            "'10 uL' is a volume, not a volume per area");
  EXPECT_EQ(unit_error("30 mol/L", Dimension::Concentration),
            "'30 mol/L' is a molar concentration, not a concentration");
  EXPECT_EQ(unit_error("2 cm^2", Dimension::Length), "'2 cm^2' is an area, not a length");
  EXPECT_EQ(unit_error("1 1/s", Dimension::Time), "'1 1/s' is a rate, not a time");
  EXPECT_EQ(unit_error("3 %", Dimension::Length), "'3 %' is a concentration (% w/v), not a length");
}

TEST(UnitErrors, UnknownUnitIsNamed) {
  const std::string message = unit_error("3 furlong", Dimension::Length);
  EXPECT_NE(message.find("unknown unit 'furlong' in '3 furlong'"), std::string::npos) << message;
  EXPECT_NE(message.find("known units: m, cm"), std::string::npos) << message;
}

TEST(UnitErrors, WrongCaseSuggestsTheUnit) {
  EXPECT_EQ(unit_error("15 UM", Dimension::Length),
            "unknown unit 'UM' in '15 UM'; did you mean 'um'?");
  EXPECT_EQ(unit_error("30 mg/ML", Dimension::Concentration),
            "unknown unit 'ML' in '30 mg/ML'; did you mean 'mL'?");
}

TEST(UnitErrors, BareNumberNeedsAUnit) {
  EXPECT_EQ(unit_error("15", Dimension::Length), "'15' needs a unit, e.g. 15 um");
  EXPECT_EQ(unit_error("24", Dimension::Time), "'24' needs a unit, e.g. 24 h");
}

TEST(UnitErrors, NoNumber) {
  EXPECT_EQ(unit_error("um", Dimension::Length),
            "'um' does not start with a number; write e.g. 15 um");
  EXPECT_EQ(unit_error("", Dimension::Length),
            "no value given; write a number and a unit, e.g. 15 um");
  EXPECT_EQ(unit_error("   ", Dimension::Length),
            "no value given; write a number and a unit, e.g. 15 um");
  EXPECT_EQ(unit_error("++1 um", Dimension::Length),
            "'++1 um' does not start with a number; write e.g. 15 um");
  EXPECT_EQ(unit_error("0x10 um", Dimension::Length).substr(0, 26), "unknown unit 'x' in '0x10 ");
}

TEST(UnitErrors, NanAndInfinityAreRefused) {
  for (const std::string text :
       {"nan um", "NaN um", "inf um", "-inf um", "infinity um", ".nan um", ".inf um", "-.Inf um"}) {
    EXPECT_EQ(unit_error(text, Dimension::Length),
              "'" + text + "' is not a finite number; write e.g. 15 um");
  }
}

TEST(UnitErrors, OverflowAndUnderflowAreRefused) {
  EXPECT_EQ(unit_error("1e999 um", Dimension::Length),
            "'1e999 um' is too large or too small to represent as a number");
  EXPECT_EQ(unit_error("1e-400 um", Dimension::Length),
            "'1e-400 um' is too large or too small to represent as a number");
  // Representable as written, not once scaled to SI.
  EXPECT_EQ(unit_error("1e-320 um", Dimension::Length),
            "'1e-320 um' is too large or too small to represent in SI units");
  EXPECT_EQ(unit_error("1e306 d", Dimension::Time),
            "'1e306 d' is too large or too small to represent in SI units");
}

TEST(UnitErrors, MalformedExpressions) {
  for (const std::string text :
       {"1 cm^/s", "1 cm^2//s", "1 cm^2/", "1 cm s", "1 cm^2.5/s", "1 /", "1 cm^x"}) {
    const std::string message = unit_error(text, Dimension::Diffusivity);
    EXPECT_NE(message.find("cannot read the unit"), std::string::npos) << text << ": " << message;
  }
}

TEST(UnitErrors, ExponentOutOfRange) {
  const std::string message = unit_error("1 cm^9/s", Dimension::Diffusivity);
  EXPECT_NE(message.find("must be a whole number from -4 to 4"), std::string::npos) << message;
  EXPECT_NE(unit_error("1 cm^0/s", Dimension::Diffusivity).find("from -4 to 4"), std::string::npos);
}

TEST(UnitErrors, PercentMustStandAlone) {
  EXPECT_EQ(unit_error("3 %/h", Dimension::Concentration),
            "'%' must stand alone in '3 %/h' (it means % w/v: 1 % = 10 mg/mL), e.g. 3 %");
}

TEST(UnitErrors, StrangeCharactersAreNamedWhole) {
  EXPECT_EQ(
      unit_error("37 \u00B0C", Dimension::Time).rfind("unknown unit '\u00B0C' in '37 \u00B0C'", 0),
      0u);
}

}  // namespace
}  // namespace dermaflux::input
