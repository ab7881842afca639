// The serum film's and exposure's dimensions: a treated area, a body weight, an
// evaporation rate (volume per area per time) and a NOAEL (mg/kg/day).

#include <gtest/gtest.h>

#include "input/Units.hpp"

namespace dermaflux::input {
namespace {

TEST(UnitsFilm, EvaporationRates) {
  EXPECT_DOUBLE_EQ(parse_quantity("15 uL/cm^2/h", Dimension::EvaporationRate), 15e-5 / 3600.0);
  EXPECT_DOUBLE_EQ(parse_quantity("150 um/h", Dimension::EvaporationRate), 150e-6 / 3600.0);
  EXPECT_EQ(format_friendly(15e-5 / 3600.0, Dimension::EvaporationRate), "15 uL/cm^2/h");
}

TEST(UnitsFilm, AreaAndMass) {
  EXPECT_DOUBLE_EQ(parse_quantity("25 cm^2", Dimension::Area), 25e-4);
  EXPECT_DOUBLE_EQ(parse_quantity("100 mm^2", Dimension::Area), 1e-4);
  EXPECT_DOUBLE_EQ(parse_quantity("60000 g", Dimension::Mass), 60.0);
  EXPECT_EQ(format_friendly(25e-4, Dimension::Area), "25 cm^2");
}

TEST(UnitsFilm, NoaelPerDay) {
  const double per_s = parse_quantity("100 mg/kg/day", Dimension::DosePerBodyWeight);
  EXPECT_DOUBLE_EQ(per_s, 100e-6 / 86400.0);
  EXPECT_DOUBLE_EQ(parse_quantity("100 mg/kg/d", Dimension::DosePerBodyWeight), per_s);
  EXPECT_EQ(format_friendly(per_s, Dimension::DosePerBodyWeight), "100 mg/kg/day");
  EXPECT_EQ(
      parse_quantity(format_si(per_s, Dimension::DosePerBodyWeight), Dimension::DosePerBodyWeight),
      per_s);
}

TEST(UnitsFilm, WrongDimensionsAreNamed) {
  try {
    parse_quantity("15 uL/cm^2", Dimension::EvaporationRate);
    ADD_FAILURE() << "no error";
  } catch (const UnitError& error) {
    EXPECT_STREQ(error.what(), "'15 uL/cm^2' is a length, not a volume per area per time");
  }
}

}  // namespace
}  // namespace dermaflux::input
