// Needle lists in CSV files: what they accept, and errors that name the CSV file, the
// line and the column of the field.

#include <gtest/gtest.h>

#include "input/NeedleTestSupport.hpp"

namespace dermaflux::input {
namespace {

using testing::with_needles;

// A list case reading `needles.csv` from a scratch folder holding `csv`; the `file:`
// key is on line 21, its value at column 9.
class NeedleListFile : public ::testing::Test {
 protected:
  Case read(const std::string& csv, const std::string& domain = kPatch) {
    testing::write_file(folder_ / "needles.csv", csv);
    return testing::read_case_in(text(domain), folder_.path());
  }

  void expect_error(const std::string& csv, const std::string& location,
                    std::initializer_list<std::string> fragments) {
    testing::write_file(folder_ / "needles.csv", csv);
    try {
      testing::read_case_in(text(kPatch), folder_.path());
      ADD_FAILURE() << "no error for:\n" << csv;
    } catch (const InputError& error) {
      const std::string message = error.what();
      const std::string prefix = (folder_ / "needles.csv").string() + ":" + location + ": ";
      EXPECT_EQ(message.rfind(prefix, 0), 0u) << message << "\nwanted prefix: " << prefix;
      for (const std::string& fragment : fragments) {
        EXPECT_NE(message.find(fragment), std::string::npos)
            << "message: " << message << "\nmissing: " << fragment;
      }
    }
  }

  static std::string text(const std::string& domain) {
    return with_needles(
        "needles:\n  pattern: list\n  file: needles.csv\n  length: 500 um\n"
        "  base_diameter: 200 um\n" +
        domain);
  }

  static inline const std::string kPatch =
      "domain: {lateral: no_flux, width: 1 mm, length: 1 mm}\n";
  io::testing::ScratchFolder folder_;
};

TEST_F(NeedleListFile, ColumnsInAnyOrderWithCrLfAndComments) {
  // Act
  const Case result = read(
      "# my needles\r\nbase_diameter_um, y_um, x_um\r\n\r\n"
      "150, 20, 10  # one\r\n,40,30\r\n");
  // Assert
  const std::vector<NeedleSite>& sites = result.needles->sites;
  ASSERT_EQ(sites.size(), 2u);
  EXPECT_EQ(sites[0].x_m, 10e-6);
  EXPECT_EQ(sites[0].y_m, 20e-6);
  EXPECT_EQ(sites[0].base_diameter_m, 150e-6);
  EXPECT_EQ(sites[1].x_m, 30e-6);
  EXPECT_FALSE(sites[1].base_diameter_m.has_value());
  EXPECT_EQ(result.needles->list_file, folder_ / "needles.csv");
}

TEST_F(NeedleListFile, PeriodicDomainTakesNeedlesOutsideIt) {
  const Case result =
      read("x_um,y_um\n-100,1100\n", "domain: {lateral: periodic, width: 1 mm, length: 1 mm}\n");
  EXPECT_EQ(result.needles->sites[0].x_m, -100e-6);  // kept as listed, wrapped when placed
}

TEST_F(NeedleListFile, MissingHeader) {
  expect_error("250,250\n", "1:1",
               {"needles.file: expected a header line naming the columns: x_um,y_um",
                "found \"250\"", "the first line must name the columns"});
}

TEST_F(NeedleListFile, UnknownColumn) {
  expect_error("x_um,y_um,depth_um\n1,2,3\n", "1:11", {"found \"depth_um\""});
}

TEST_F(NeedleListFile, HeaderWithoutY) {
  expect_error("x_um,length_um\n", "1:1", {"found no y_um column"});
}

TEST_F(NeedleListFile, RepeatedColumn) {
  expect_error("x_um,y_um,x_um\n", "1:11",
               {"expected each column named once", "found \"x_um\" a second time"});
}

TEST_F(NeedleListFile, NotANumberNamesLineAndColumn) {
  expect_error("x_um,y_um\n# comment\n100,200\n300, 4OO\n", "4:6",
               {"expected y_um: a number of micrometres such as 250", "found \"4OO\""});
}

TEST_F(NeedleListFile, NumberWithAUnit) {
  expect_error("x_um,y_um\n100 um,200\n", "2:1",
               {"found \"100 um\"", "write the number alone, without a unit"});
}

TEST_F(NeedleListFile, TooFewFields) {
  expect_error("x_um,y_um,length_um\n100,200\n", "2:8",
               {"expected 3 fields per line, as the header names them", "found 2 fields",
                "missing length_um"});
}

TEST_F(NeedleListFile, TooManyFields) {
  expect_error("x_um,y_um\n100,200,300\n", "2:9", {"expected 2 fields per line", "found 3"});
}

TEST_F(NeedleListFile, EmptyPosition) {
  expect_error("x_um,y_um\n,200\n", "2:1", {"expected x_um", "found an empty field"});
}

TEST_F(NeedleListFile, NonPositiveOverride) {
  expect_error("x_um,y_um,length_um\n100,200,-5\n", "2:9",
               {"expected length_um: a positive number of micrometres", "found \"-5\""});
}

TEST_F(NeedleListFile, NoNeedles) {
  expect_error("x_um,y_um\n# none yet\n", "2:1",
               {"expected at least one needle below the header", "found none"});
}

TEST_F(NeedleListFile, EmptyFile) {
  expect_error("", "1:1", {"expected a header line", "found no lines"});
}

TEST_F(NeedleListFile, NeedleOutsideThePatch) {
  expect_error("x_um,y_um\n100,100\n500,1500\n", "3:1",
               {"needles.file: expected a needle inside the patch (x from 0 to 1000 um, y from 0 "
                "to 1000 um)",
                "found x = 500 um, y = 1500 um"});
}

TEST_F(NeedleListFile, OverrideNarrowerThanTheTip) {
  expect_error("x_um,y_um,base_diameter_um\n100,100,2\n", "2:1",
               {"expected a base diameter of at least the tip diameter (5 um)"});
}

TEST_F(NeedleListFile, OverrideReachingBelowTheSkin) {
  expect_error("x_um,y_um,length_um\n100,100,500\n200,200,7000\n", "3:1",
               {"found length 7000 um: needles.length \u00D7 penetration = 5366.67 um reaches "
                "below the skin (total thickness 1215 um)",  // pressed by default: 0.77
                "make the dermis at least 5352 um thick"});
}

TEST_F(NeedleListFile, MissingFileSaysWhereItLooked) {
  try {
    testing::read_case_in(text(kPatch), folder_.path());
    ADD_FAILURE() << "no error";
  } catch (const InputError& error) {
    const std::string message = error.what();
    EXPECT_EQ(message.rfind("case.yaml:21:9: needles.file: expected a readable CSV file", 0), 0u)
        << message;
    EXPECT_NE(message.find("found \"needles.csv\""), std::string::npos) << message;
    EXPECT_NE(message.find("no such file; searched " + (folder_ / "needles.csv").string()),
              std::string::npos)
        << message;
  }
}

}  // namespace
}  // namespace dermaflux::input
