// Needle densities: a number per area ("200 1/cm^2"), the dimension the random needle
// pattern reads.

#include <gtest/gtest.h>

#include <string>

#include "input/Units.hpp"

namespace dermaflux::input {
namespace {

TEST(UnitsPerArea, SpellingsReadToPerSquareMetre) {
  EXPECT_EQ(parse_quantity("200 1/cm^2", Dimension::PerArea), 2e6);
  EXPECT_EQ(parse_quantity("200 1/cm2", Dimension::PerArea), 2e6);
  EXPECT_EQ(parse_quantity("200 cm^-2", Dimension::PerArea), 2e6);
  EXPECT_EQ(parse_quantity("2 1/mm^2", Dimension::PerArea), 2e6);
  EXPECT_EQ(parse_quantity("2 /mm^2", Dimension::PerArea), 2e6);
  EXPECT_EQ(parse_quantity("3e-6 1/um^2", Dimension::PerArea), 3e6);
  EXPECT_EQ(parse_quantity("5 1/m^2", Dimension::PerArea), 5.0);
}

TEST(UnitsPerArea, WrongDimensionsAreNamed) {
  const auto message = [](const std::string& text, Dimension dimension) {
    try {
      parse_quantity(text, dimension);
    } catch (const UnitError& error) {
      return std::string(error.what());
    }
    return std::string();
  };
  EXPECT_EQ(message("200 cm^2", Dimension::PerArea),
            "'200 cm^2' is an area, not a number per area");
  EXPECT_EQ(message("200 1/cm", Dimension::PerArea),
            "'200 1/cm' is a quantity in m^-1, not a number per area");
  EXPECT_EQ(message("200 1/cm^2", Dimension::Length),
            "'200 1/cm^2' is a number per area, not a length");
}

TEST(UnitsPerArea, WritesSiAndFriendly) {
  EXPECT_EQ(si_unit(Dimension::PerArea), "1/m^2");
  EXPECT_EQ(format_si(2e6, Dimension::PerArea), "2e+06 1/m^2");
  EXPECT_EQ(parse_quantity(format_si(1.2345678901234567e6, Dimension::PerArea), Dimension::PerArea),
            1.2345678901234567e6);
  EXPECT_EQ(format_friendly(2e6, Dimension::PerArea), "200 1/cm^2");
  EXPECT_EQ(describe(Dimension::PerArea), "a number per area such as \"200 1/cm^2\"");
}

}  // namespace
}  // namespace dermaflux::input
