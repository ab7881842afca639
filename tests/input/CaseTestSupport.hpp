#pragma once
// Shared by the case-reader tests: a small valid case whose line numbers the error
// tests rely on, line-editing helpers, and a check that an InputError says where
// and what.

#include <gtest/gtest.h>

#include <filesystem>
#include <initializer_list>
#include <sstream>
#include <string>
#include <vector>

#include "core/Error.hpp"
#include "input/CaseReader.hpp"

namespace dermaflux::input::testing {

// The folder of test case files and presets (tests/data/cases).
inline std::filesystem::path test_cases_dir() {
  return std::filesystem::path(DERMAFLUX_TEST_DATA_DIR) / "cases";
}

// A valid case; error tests edit one line and rely on these line numbers.
inline const std::string kValidCase =
    "name: test-case\n"                    // 1
    "skin:\n"                              // 2
    "  layers:\n"                          // 3
    "    - name: stratum_corneum\n"        // 4
    "      thickness: 15 um\n"             // 5
    "      diffusivity: 2.0e-10 cm^2/s\n"  // 6
    "      partition: 0.8\n"               // 7
    "    - name: dermis\n"                 // 8
    "      thickness: 1200 um\n"           // 9
    "      diffusivity: 6.0e-7 cm^2/s\n"   // 10
    "      partition: 1.0\n"               // 11
    "serum:\n"                             // 12
    "  concentration: 30 mg/mL\n"          // 13
    "  dose: 10 uL/cm^2\n"                 // 14
    "  diffusivity: 6.0e-6 cm^2/s\n"       // 15
    "time:\n"                              // 16
    "  end: 24 h\n"                        // 17
    "  output_every: 1 h\n";               // 18

inline std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream stream(text);
  for (std::string line; std::getline(stream, line);) lines.push_back(line);
  return lines;
}

inline std::string join_lines(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) text += line + "\n";
  return text;
}

// `text` with its 1-based line `line` replaced by `replacement` (which may hold
// several lines; lines after it then move down).
inline std::string replace_line(const std::string& text, int line, const std::string& replacement) {
  std::vector<std::string> lines = split_lines(text);
  lines.at(static_cast<std::size_t>(line - 1)) = replacement;
  return join_lines(lines);
}

// `text` without its 1-based line `line`.
inline std::string remove_line(const std::string& text, int line) {
  std::vector<std::string> lines = split_lines(text);
  lines.erase(lines.begin() + (line - 1));
  return join_lines(lines);
}

// `text` with its 1-based lines first..last (inclusive) replaced by `replacement`.
inline std::string replace_lines(const std::string& text, int first, int last,
                                 const std::string& replacement) {
  std::vector<std::string> lines = split_lines(text);
  lines.erase(lines.begin() + (first - 1), lines.begin() + last);
  lines.insert(lines.begin() + (first - 1), replacement);
  return join_lines(lines);
}

// The valid case with its skin section (lines 2-11) replaced.
inline std::string with_skin(const std::string& skin_section) {
  return replace_lines(kValidCase, 2, 11, skin_section);
}

// The valid case with its serum section (lines 12-15) replaced.
inline std::string with_serum(const std::string& serum_section) {
  return replace_lines(kValidCase, 12, 15, serum_section);
}

inline Case read_test_case(const std::string& text) {
  return read_case_text(text, "case.yaml", test_cases_dir());
}

// Reads `text` as "case.yaml" and expects an InputError whose message holds
// "<location>: <key_path>: " and every fragment.
inline void expect_input_error(const std::string& text, const std::string& location,
                               const std::string& key_path,
                               std::initializer_list<std::string> fragments) {
  try {
    read_test_case(text);
    ADD_FAILURE() << "no error for:\n" << text;
  } catch (const InputError& error) {
    const std::string message = error.what();
    const std::string prefix =
        key_path.empty() ? location + ": " : location + ": " + key_path + ": ";
    EXPECT_EQ(message.rfind(prefix, 0), 0u)
        << "message: " << message << "\nwanted prefix: " << prefix;
    for (const std::string& fragment : fragments) {
      EXPECT_NE(message.find(fragment), std::string::npos)
          << "message: " << message << "\nmissing: " << fragment;
    }
  }
}

}  // namespace dermaflux::input::testing
