#pragma once
// Synthetic measured data for the fit tests: Crank's membrane Q(t) (support/Crank.hpp)
// with seeded Gaussian noise, and scratch folders.

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "analysis/Inventory.hpp"
#include "support/Crank.hpp"

namespace dermaflux::testing {

// The membrane of tests/data/fit/membrane.yaml: 20 um, D = 1e-9 cm^2/s, K = 0.8,
// 30 mg/mL; lag time 667 s.
inline constexpr double kMembraneH = 20e-6, kMembraneC0 = 30.0;
inline constexpr double kTrueD = 1e-13, kTrueK = 0.8;

inline const std::vector<double> kFitTimesH{0.1, 0.2, 0.3, 0.5, 0.75, 1.0, 1.5, 2.0};

// Receptor amount, ug/cm^2, at `time_h`.
inline double crank_receptor_ug_cm2(double D, double K, double time_h) {
  const CrankMembrane membrane{kMembraneH, D, K, kMembraneC0};
  return membrane.amount(time_h * 3600.0) * analysis::kUgPerCm2PerKgPerM2;
}

// A fresh folder under the system's temporary folder.
inline std::filesystem::path scratch_folder(const std::string& name) {
  const auto folder = std::filesystem::temp_directory_path() /
                      ("dermaflux-fit-" + name + "-" + std::to_string(getpid()));
  std::filesystem::remove_all(folder);
  std::filesystem::create_directories(folder);
  return folder;
}

inline void write_text(const std::filesystem::path& file, const std::string& text) {
  std::ofstream(file) << text;
}

// Three replicate cells of receptor amounts with noise of `sd` ug/cm^2.
inline std::string crank_csv(unsigned seed, double sd) {
  std::mt19937 random(seed);
  std::normal_distribution<double> noise(0.0, sd);
  std::string text = "time_h,cell,receptor_ug_cm2,sd_receptor_ug_cm2\n";
  for (const char* cell : {"A", "B", "C"})
    for (const double t : kFitTimesH)
      text += std::to_string(t) + "," + cell + "," +
              std::to_string(crank_receptor_ug_cm2(kTrueD, kTrueK, t) + noise(random)) + "," +
              std::to_string(sd) + "\n";
  return text;
}

}  // namespace dermaflux::testing
