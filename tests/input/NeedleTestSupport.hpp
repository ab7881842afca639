#pragma once
// Shared by the needles-section tests: the valid case (CaseTestSupport.hpp) with a
// needles section appended from line 19 on, and a scratch folder for needle lists.

#include <filesystem>
#include <fstream>
#include <string>

#include "input/CaseTestSupport.hpp"
#include "io/ScratchFolder.hpp"

namespace dermaflux::input::testing {

// The valid case's skin is 15 um + 1200 um = 1215 um thick.
inline constexpr double kValidSkinThickness_m = 1215e-6;

// The valid case with `section` appended: its first line is line 19.
inline std::string with_needles(const std::string& section) {
  return kValidCase + section;
}

// A square array in a periodic unit cell; line 19 is "needles:", line 20 the pattern,
// 21 the pitch, 22 the length, 23 the base diameter.
inline const std::string kSquareNeedles =
    "needles:\n"                  // 19
    "  pattern: square\n"         // 20
    "  pitch: 500 um\n"           // 21
    "  length: 500 um\n"          // 22
    "  base_diameter: 200 um\n";  // 23

inline void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

// Reads `text` as "case.yaml" from the folder `base_dir`.
inline Case read_case_in(const std::string& text, const std::filesystem::path& base_dir) {
  return read_case_text(text, "case.yaml", base_dir);
}

}  // namespace dermaflux::input::testing
