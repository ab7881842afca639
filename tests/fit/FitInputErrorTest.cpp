// Bad fit inputs end in one located error: the measured CSV (empty, malformed
// number, unknown column, negative time, sd <= 0) and the fit file (unknown key
// path, a key that is not a number, low >= high, bounds of the wrong dimension).

#include <gtest/gtest.h>

#include "fit/FitFile.hpp"
#include "fit/FitTestSupport.hpp"
#include "fit/ModelRuns.hpp"
#include "input/CaseReader.hpp"
#include "input/MeasuredData.hpp"

namespace dermaflux {
namespace {

namespace fs = std::filesystem;

// The message of the InputError `read` throws, with the scratch folder's path cut
// from the file names.
template <typename Read>
std::string located_error(const fs::path& folder, Read read) {
  try {
    read();
  } catch (const InputError& error) {
    std::string message = error.what();
    const auto at = message.find(folder.string() + "/");
    if (at != std::string::npos) message.erase(at, folder.string().size() + 1);
    return message;
  }
  return "no error";
}

// Reading `text` as measured data and checking it against the membrane case.
std::string measured_error(const std::string& text) {
  const fs::path folder = testing::scratch_folder("measured");
  testing::write_text(folder / "data.csv", text);
  return located_error(folder, [&] {
    const auto data = input::read_measured_csv(folder / "data.csv");
    const auto c = input::read_case(DERMAFLUX_TEST_DATA_DIR "/fit/membrane.yaml");
    input::check_measured_against(data, fit::timeseries_columns(c), c.time.end_s / 3600.0);
  });
}

TEST(FitInputError, MeasuredFileEmpty) {
  EXPECT_EQ(measured_error("# nothing\n").rfind("data.csv:1:1: header:", 0), 0u)
      << measured_error("");
}

TEST(FitInputError, MeasuredMalformedNumber) {
  const auto message = measured_error("time_h,receptor_ug_cm2\n1,2\n2,3.x\n");
  EXPECT_EQ(message.rfind("data.csv:3:3: receptor_ug_cm2: expected a number", 0), 0u) << message;
}

TEST(FitInputError, MeasuredUnknownColumn) {
  const auto message = measured_error("time_h,receptor_ug_cm2,dermis_ug_cm2\n1,2,3\n");
  EXPECT_EQ(message.rfind("data.csv:1:24: header: expected a column the case writes", 0), 0u)
      << message;
  EXPECT_NE(message.find("membrane_ug_cm2"), std::string::npos) << message;
}

TEST(FitInputError, MeasuredNegativeTime) {
  const auto message = measured_error("time_h,receptor_ug_cm2\n-1,2\n");
  EXPECT_EQ(message.rfind("data.csv:2:1: time_h: expected a time in hours, 0 or later", 0), 0u)
      << message;
}

TEST(FitInputError, MeasuredSdNotPositive) {
  const auto message =
      measured_error("time_h,receptor_ug_cm2,sd_receptor_ug_cm2\n1,2,0.1\n1.5,3,0\n");
  EXPECT_EQ(message.rfind("data.csv:3:7: sd_receptor_ug_cm2: expected a standard deviation > 0", 0),
            0u)
      << message;
}

TEST(FitInputError, MeasuredTimeAfterTheCaseEnds) {
  const auto message = measured_error("time_h,receptor_ug_cm2\n1,2\n5,3\n");
  EXPECT_EQ(message.rfind("data.csv:3:1: time_h: expected a time within the case's time.end", 0),
            0u)
      << message;
}

// Reading a fit file with this `fit:` section.
std::string fit_error(const std::string& fit_section) {
  const fs::path folder = testing::scratch_folder("fitfile");
  testing::write_text(folder / "fit.yaml", "base: " DERMAFLUX_TEST_DATA_DIR
                                           "/fit/membrane.yaml\nmeasured: data.csv\nfit:\n" +
                                               fit_section);
  return located_error(folder, [&] { (void)fit::read_fit_file(folder / "fit.yaml"); });
}

TEST(FitInputError, FitUnknownKeyPath) {
  const auto message = fit_error("  skin.layers[0].difusivity: [1e-11 cm^2/s, 1e-7 cm^2/s]\n");
  EXPECT_EQ(message.rfind("fit.yaml:4:30: fit.skin.layers[0].difusivity:", 0), 0u) << message;
  const auto index = fit_error("  skin.layers[3].diffusivity: [1e-11 cm^2/s, 1e-7 cm^2/s]\n");
  EXPECT_EQ(index.rfind("fit.yaml:4:31: fit.skin.layers[3].diffusivity: expected a key path to "
                        "an existing list element",
                        0),
            0u)
      << index;
}

TEST(FitInputError, FitKeyThatIsNotANumber) {
  const auto message = fit_error("  skin.layers[0].diffusivity: [slow, fast]\n");
  EXPECT_EQ(message.rfind("fit.yaml:4:32: fit.skin.layers[0].diffusivity[0]: expected bounds", 0),
            0u)
      << message;
  // A key path to something that is not a number: the case reader says what it wanted.
  const auto active = fit_error("  serum.active: [1, 2]\n  skin.layers[0]: [0.1, 1]\n");
  EXPECT_EQ(active.rfind("fit.yaml:5:19: fit.skin.layers[0]: expected", 0), 0u) << active;
}

TEST(FitInputError, FitLowNotBelowHigh) {
  const auto message = fit_error("  skin.layers[0].partition: [2, 0.5]\n");
  EXPECT_NE(message.find("found low >= high"), std::string::npos) << message;
  EXPECT_EQ(message.rfind("fit.yaml:4:29:", 0), 0u) << message;
}

TEST(FitInputError, FitBoundsOfTheWrongDimension) {
  const auto message = fit_error("  skin.layers[0].diffusivity: [1 um, 5 um]\n");
  EXPECT_EQ(message.rfind("fit.yaml:4:31: fit.skin.layers[0].diffusivity: expected", 0), 0u)
      << message;
  EXPECT_NE(message.find("diffusivity"), std::string::npos) << message;
}

}  // namespace
}  // namespace dermaflux
