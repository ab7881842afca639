#include "io/Csv.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "ScratchFolder.hpp"
#include "io/RunCsv.hpp"
#include "run/Compare.hpp"

namespace dermaflux::io {
namespace {

using testing::read_text;
using testing::ScratchFolder;

// An RFC 4180 reader, as Python's csv module reads: records of fields, a quoted
// field may hold commas, doubled quotes and line ends.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false;
  for (std::size_t n = 0; n < text.size(); ++n) {
    const char ch = text[n];
    if (quoted) {
      if (ch != '"') {
        field += ch;
      } else if (n + 1 < text.size() && text[n + 1] == '"') {
        field += '"';
        ++n;
      } else {
        quoted = false;
      }
    } else if (ch == '"') {
      quoted = true;
    } else if (ch == ',') {
      record.push_back(field);
      field.clear();
    } else if (ch == '\n') {
      record.push_back(field);
      field.clear();
      records.push_back(record);
      record.clear();
    } else {
      field += ch;
    }
  }
  return records;
}

TEST(Csv, PlainTextIsWrittenAsItIs) {
  EXPECT_EQ(csv_text("stratum_corneum"), "stratum_corneum");
  EXPECT_EQ(csv_text(""), "");
}

TEST(Csv, TextWithACommaQuoteOrLineEndIsQuotedWithItsQuotesDoubled) {
  EXPECT_EQ(csv_text("caffeine, anhydrous"), "\"caffeine, anhydrous\"");
  EXPECT_EQ(csv_text("5\" needle"), "\"5\"\" needle\"");
  EXPECT_EQ(csv_text("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(csv_text("carriage\rreturn"), "\"carriage\rreturn\"");
}

TEST(Csv, NumbersHaveTwelveSignificantDigitsByDefault) {
  EXPECT_EQ(csv_number(12.0), "12");
  EXPECT_EQ(csv_number(0.1 + 0.2), "0.3");
  EXPECT_EQ(csv_number(1.0 / 3.0), "0.333333333333");
  EXPECT_EQ(csv_number(1.5e-5), "1.5e-05");
  EXPECT_EQ(csv_number(2.5e20), "2.5e+20");
  EXPECT_EQ(csv_number(0.0), "0");
}

TEST(Csv, NumbersAsInJsonAreTheShortestRoundTripThatSummaryJsonWrites) {
  EXPECT_EQ(csv_number(12.0, CsvNumbers::AsInJson), "12.0");
  EXPECT_EQ(csv_number(0.1 + 0.2, CsvNumbers::AsInJson), "0.30000000000000004");
  EXPECT_EQ(csv_number(1e-5, CsvNumbers::AsInJson), "1e-05");
}

TEST(Csv, ALineSeparatesItsFieldsAndLeavesMissingValuesEmpty) {
  CsvLine line;
  line.integer(3).text("a,b").number(0.5).number(std::optional<double>()).empty().number(2.0);
  EXPECT_EQ(line.str(), "3,\"a,b\",0.5,,,2");
  CsvLine missing_first;
  missing_first.empty().number(std::optional<double>(1.0));
  EXPECT_EQ(missing_first.str(), ",1");
}

TEST(Csv, ATableIsItsHeaderThenItsRowsEachEndedByALineFeed) {
  CsvTable table({"name", "value"});
  CsvLine row;
  row.text("x").number(1.25);
  table.add(row);
  EXPECT_EQ(table.text(), "name,value\nx,1.25\n");
}

TEST(Csv, TimeseriesAndProfileLinesKeepTheirColumns) {
  analysis::InventoryRow row;
  row.time_h = 0.5;
  row.vehicle_ug_cm2 = 100.0;
  row.layer_ug_cm2 = {1.0 / 3.0, 2.0};
  row.receptor_ug_cm2 = 1e-7;
  row.mass_balance_rel = 2.5e-16;
  EXPECT_EQ(timeseries_header({"sc", "ve"}),
            "time_h,vehicle_ug_cm2,sc_ug_cm2,ve_ug_cm2,receptor_ug_cm2,cleared_ug_cm2,"
            "in_channels_ug_cm2,flux_ug_cm2_h,mass_balance_rel");
  EXPECT_EQ(timeseries_line(row), "0.5,100,0.333333333333,2,1e-07,0,0,0,2.5e-16");
  // A film compartment's columns come after the existing ones.
  row.film = analysis::FilmColumns{450.0, 12.5, 40.0, 9.75};
  EXPECT_EQ(timeseries_line(row), "0.5,100,0.333333333333,2,1e-07,0,0,0,2.5e-16,450,12.5,40,9.75");
  EXPECT_EQ(timeseries_header({"sc"}, true),
            "time_h,vehicle_ug_cm2,sc_ug_cm2,receptor_ug_cm2,cleared_ug_cm2,in_channels_ug_cm2,"
            "flux_ug_cm2_h,mass_balance_rel,applied_ug_cm2,solid_ug_cm2,removed_ug_cm2,film_um");

  analysis::ProfilePoint intact{12.5, 2, 0.25, std::nullopt, std::nullopt};
  analysis::ProfilePoint needled{12.5, 1, 0.25, 3.0, 0.125};
  EXPECT_EQ(profile_lines(1.0, {intact, needled}, {"sc", "ve"}),
            (std::vector<std::string>{"1,12.5,ve,0.25,,", "1,12.5,sc,0.25,3,0.125"}));
}

TEST(Csv, AnActiveNameWithACommaReadsBackAsOneField) {
  ScratchFolder folder;
  run::Comparison comparison;
  comparison.layer_names = {"sc"};
  run::ComparisonRow row;
  row.label = "gel";
  row.active = "caffeine, anhydrous";
  row.receptor_ug_cm2 = 1.5;
  row.per_layer_ug_cm2 = {2.0};
  row.delivered_ug_cm2 = 3.5;
  row.lag_time_h = 0.25;
  comparison.rows.push_back(row);

  run::write_comparison_csv(comparison, folder / "comparison.csv");

  const auto records = parse_csv(read_text(folder / "comparison.csv"));
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0],
            (std::vector<std::string>{"rank", "serum", "active", "receptor_ug_cm2", "sc_ug_cm2",
                                      "delivered_ug_cm2", "steady_flux_ug_cm2_h", "lag_time_h",
                                      "intact_receptor_ug_cm2", "enhancement_ratio",
                                      "delivery_enhancement_ratio"}));
  EXPECT_EQ(records[1], (std::vector<std::string>{"1", "gel", "caffeine, anhydrous", "1.5", "2",
                                                  "3.5", "", "0.25", "", "", ""}));
}

}  // namespace
}  // namespace dermaflux::io
