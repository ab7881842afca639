// Replays every input of the fuzzer's seed corpus (tests/fuzz/corpus) through what
// the fuzzer does with it: read the case, write it back, read that again. Each input
// must end in a Case or in a dermaflux::Error. Under the audit preset (AddressSanitizer
// + UndefinedBehaviorSanitizer, halting on the first report) this makes every input
// the fuzzer ever found a deterministic regression test of the ordinary suite.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/Error.hpp"
#include "input/CaseReader.hpp"
#include "input/CaseWriter.hpp"

namespace dermaflux::input {
namespace {

std::vector<std::filesystem::path> corpus_files() {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(DERMAFLUX_FUZZ_CORPUS_DIR)) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string file_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(FuzzCorpus, EveryInputEndsInACaseOrALocatedError) {
  const auto files = corpus_files();
  ASSERT_GE(files.size(), 4u) << "the seed corpus at " << DERMAFLUX_FUZZ_CORPUS_DIR;
  for (const auto& path : files) {
    SCOPED_TRACE(path.filename().string());
    try {
      const Case resolved = read_case_text(file_text(path), "fuzz.yaml", DERMAFLUX_CASES_DIR);
      read_case_text(write_case_yaml(resolved), "resolved.yaml", DERMAFLUX_CASES_DIR);
    } catch (const Error& error) {
      EXPECT_FALSE(std::string(error.what()).empty());
    }
  }
}

TEST(FuzzCorpus, HugeMinSpacingIsALocatedError) {
  const auto path = std::filesystem::path(DERMAFLUX_FUZZ_CORPUS_DIR) /
                    "regression-min-spacing-cover-overflow.yaml";
  try {
    read_case_text(file_text(path), "overflow.yaml", DERMAFLUX_CASES_DIR);
    FAIL() << "a min_spacing of 1.5e77 um was accepted";
  } catch (const Error& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("overflow.yaml:"), std::string::npos) << message;
    EXPECT_NE(message.find("min_spacing"), std::string::npos) << message;
    EXPECT_NE(message.find("% of the domain"), std::string::npos) << message;
  }
}

}  // namespace
}  // namespace dermaflux::input
