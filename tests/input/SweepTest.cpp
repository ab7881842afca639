// Sweep files: product and zip expansion, key paths by index and by layer name,
// and located errors for bad paths and bad values.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/Error.hpp"
#include "input/Sweep.hpp"
#include "io/ScratchFolder.hpp"

namespace dermaflux {
namespace {

namespace fs = std::filesystem;

const char* kBase = R"(name: base
skin:
  layers:
    - {name: stratum_corneum, thickness: 15 um, diffusivity: 1e-10 cm^2/s, partition: 0.8}
    - {name: dermis, thickness: 800 um, diffusivity: 6e-7 cm^2/s, partition: 1}
serum: {concentration: 30 mg/mL, dose: 10 uL/cm^2, diffusivity: 6e-6 cm^2/s}
time: {end: 2 h}
)";

// The base case and `sweep` in `dir`; returns the sweep file.
fs::path write_files(const fs::path& dir, const std::string& sweep) {
  fs::create_directories(dir);
  std::ofstream(dir / "base.yaml") << kBase;
  std::ofstream(dir / "sweep.yaml") << sweep;
  return dir / "sweep.yaml";
}

std::string error_of(const fs::path& sweep) {
  try {
    input::read_sweep(sweep);
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

TEST(Sweep, ProductVariesTheLastKeyFastest) {
  io::testing::ScratchFolder scratch;
  const auto sweep = input::read_sweep(write_files(scratch / "product", R"(base: base.yaml
vary:
  skin.layers.dermis.thickness: [500 um, 1000 um]
  serum.concentration: [10 mg/mL, 20 mg/mL, 30 mg/mL]
output: out
)"));
  ASSERT_EQ(sweep.cases.size(), 6u);
  EXPECT_EQ(sweep.output_dir, fs::path("out"));
  EXPECT_DOUBLE_EQ(sweep.cases[0].resolved.layers[1].thickness_m, 500e-6);
  EXPECT_DOUBLE_EQ(sweep.cases[1].resolved.serum.concentration_kg_m3, 20.0);
  EXPECT_DOUBLE_EQ(sweep.cases[3].resolved.layers[1].thickness_m, 1000e-6);
  EXPECT_EQ(sweep.cases[5].varied[1],
            (std::pair<std::string, std::string>{"serum.concentration", "30 mg/mL"}));
  // What was not varied stays as in the base.
  EXPECT_DOUBLE_EQ(sweep.cases[5].resolved.layers[0].thickness_m, 15e-6);
}

TEST(Sweep, ZipPairsValuesAndIndexPathsWork) {
  io::testing::ScratchFolder scratch;
  const auto sweep = input::read_sweep(write_files(scratch / "zip", R"(base: base.yaml
vary:
  mode: zip
  skin.layers[0].diffusivity: [1e-10 cm^2/s, 2e-10 cm^2/s]
  time.end: [1 h, 4 h]
)"));
  ASSERT_EQ(sweep.cases.size(), 2u);
  EXPECT_DOUBLE_EQ(sweep.cases[1].resolved.layers[0].diffusivity_m2_s, 2e-14);
  EXPECT_DOUBLE_EQ(sweep.cases[1].resolved.time.end_s, 4 * 3600.0);
  EXPECT_EQ(sweep.output_dir, fs::path("results") / "sweep");
}

TEST(Sweep, ZipListsOfDifferentLengthAreAnError) {
  io::testing::ScratchFolder scratch;
  const auto message = error_of(write_files(scratch / "ziplength", R"(base: base.yaml
vary:
  mode: zip
  time.end: [1 h, 4 h]
  serum.concentration: [10 mg/mL]
)"));
  EXPECT_NE(message.find("sweep.yaml:5:24: vary.serum.concentration"), std::string::npos)
      << message;
  EXPECT_NE(message.find("with mode: zip"), std::string::npos) << message;
}

TEST(Sweep, AnUnknownLayerNameIsLocatedInTheSweepFile) {
  io::testing::ScratchFolder scratch;
  const auto message = error_of(write_files(scratch / "badname", R"(base: base.yaml
vary:
  skin.layers.epidermis.thickness: [70 um]
)"));
  EXPECT_NE(message.find("sweep.yaml:3:36: vary.skin.layers.epidermis.thickness"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("no element of skin.layers is named epidermis"), std::string::npos)
      << message;
}

TEST(Sweep, AnIndexOutOfRangeIsAnError) {
  io::testing::ScratchFolder scratch;
  const auto message = error_of(write_files(scratch / "badindex", R"(base: base.yaml
vary:
  skin.layers[5].thickness: [70 um]
)"));
  EXPECT_NE(message.find("skin.layers has 2 elements"), std::string::npos) << message;
}

TEST(Sweep, ABadValueIsBlamedOnTheSweepValue) {
  io::testing::ScratchFolder scratch;
  const auto message = error_of(write_files(scratch / "badvalue", R"(base: base.yaml
vary:
  skin.layers.dermis.thickness: [800 um, -5 um]
)"));
  EXPECT_NE(message.find("sweep.yaml:3:42: vary.skin.layers.dermis.thickness[1]"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("found \"-5 um\""), std::string::npos) << message;
  EXPECT_NE(message.find("in case 1 of the sweep, at skin.layers[1].thickness"), std::string::npos)
      << message;
}

TEST(Sweep, StructureErrors) {
  io::testing::ScratchFolder scratch;
  EXPECT_NE(error_of(write_files(scratch / "nomode",
                                 "base: base.yaml\nvary:\n  mode: all\n  time.end: [1 h]\n"))
                .find("expected product or zip"),
            std::string::npos);
  EXPECT_NE(error_of(write_files(scratch / "empty", "base: base.yaml\nvary:\n  time.end: []\n"))
                .find("non-empty list"),
            std::string::npos);
  EXPECT_NE(error_of(write_files(scratch / "novary", "base: base.yaml\n")).find("vary"),
            std::string::npos);
  EXPECT_NE(error_of(write_files(scratch / "unknown",
                                 "base: base.yaml\nvary: {time.end: [1 h]}\nouput: x\n"))
                .find("did you mean \"output\"?"),
            std::string::npos);
}

// The serum film's keys sweep like any other: an application's time by index (the
// applications are re-sorted, so one may overtake another) and the vehicle's rate.
const char* kRegimenBase = R"(name: base
skin:
  layers:
    - {name: stratum_corneum, thickness: 15 um, diffusivity: 1e-10 cm^2/s, partition: 0.8}
serum:
  concentration: 30 mg/mL
  diffusivity: 6e-6 cm^2/s
  applications: [{at: 0 h, dose: 10 uL/cm^2}, {at: 4 h, dose: 5 uL/cm^2}]
  vehicle: {volatile_fraction: 0.9, evaporation_rate: 15 uL/cm^2/h}
time: {end: 12 h}
)";

TEST(Sweep, RegimenKeys) {
  io::testing::ScratchFolder scratch;
  const fs::path dir = scratch / "regimen";
  fs::create_directories(dir);
  std::ofstream(dir / "base.yaml") << kRegimenBase;
  std::ofstream(dir / "sweep.yaml") << R"(base: base.yaml
vary:
  serum.applications[1].at: [2 h, 8 h]
  serum.vehicle.evaporation_rate: [5 uL/cm^2/h, 30 uL/cm^2/h]
)";
  const auto sweep = input::read_sweep(dir / "sweep.yaml");
  ASSERT_EQ(sweep.cases.size(), 4u);
  EXPECT_DOUBLE_EQ(sweep.cases[0].resolved.serum.applications[1].at_s, 2 * 3600.0);
  EXPECT_DOUBLE_EQ(sweep.cases[3].resolved.serum.applications[1].at_s, 8 * 3600.0);
  EXPECT_DOUBLE_EQ(sweep.cases[0].resolved.serum.vehicle->evaporation_rate_m_s, 5e-5 / 3600.0);
  EXPECT_DOUBLE_EQ(sweep.cases[1].resolved.serum.vehicle->evaporation_rate_m_s, 30e-5 / 3600.0);
  EXPECT_EQ(sweep.cases[1].varied[1], (std::pair<std::string, std::string>{
                                          "serum.vehicle.evaporation_rate", "30 uL/cm^2/h"}));
}

TEST(Sweep, RegimenValueErrorsBlameTheSweep) {
  io::testing::ScratchFolder scratch;
  const fs::path dir = scratch / "regimen_error";
  fs::create_directories(dir);
  std::ofstream(dir / "base.yaml") << kRegimenBase;
  std::ofstream(dir / "sweep.yaml") << "base: base.yaml\nvary:\n"
                                       "  serum.applications[1].at: [2 h, 13 h]\n";
  const std::string message = error_of(dir / "sweep.yaml");
  EXPECT_NE(message.find("sweep.yaml:3:35: vary.serum.applications[1].at[1]"), std::string::npos)
      << message;
  EXPECT_NE(message.find("a time from 0 to time.end (12 h)"), std::string::npos) << message;
}

}  // namespace
}  // namespace dermaflux
