// read_case() on files: labels, folders, and files that cannot be read.

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>

#include "input/CaseTestSupport.hpp"
#include "io/ScratchFolder.hpp"

namespace dermaflux::input {
namespace {

TEST(CaseFile, ReadsACaseFileAndRemembersItsPath) {
  // Arrange
  const std::filesystem::path file = testing::test_cases_dir() / "minimal.yaml";
  // Act
  const Case result = read_case(file);
  // Assert
  EXPECT_EQ(result.name, "minimal");
  EXPECT_EQ(result.source_file, file);
  EXPECT_EQ(result.time.output_times_s.size(), 25u);
}

TEST(CaseFile, MissingFileNamesThePath) {
  // Arrange
  const std::filesystem::path file = testing::test_cases_dir() / "no_such_case.yaml";
  // Act and assert
  try {
    read_case(file);
    ADD_FAILURE() << "no error";
  } catch (const IoError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find(file.string()), std::string::npos) << message;
    EXPECT_NE(message.find("no such file"), std::string::npos) << message;
  }
}

TEST(CaseFile, HugeFileIsRefusedBeforeReading) {
  // Arrange: a sparse 1 GiB file (no disk used), far above any case file's size.
  io::testing::ScratchFolder scratch;
  const std::filesystem::path file = scratch / "huge-case.yaml";
  { std::ofstream create(file); }
  std::filesystem::resize_file(file, std::uintmax_t{1} << 30);
  // Act and assert
  try {
    read_case(file);
    ADD_FAILURE() << "no error";
  } catch (const IoError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find(file.string()), std::string::npos) << message;
    EXPECT_NE(message.find("1024 MiB, more than the 128 MiB"), std::string::npos) << message;
  }
}

TEST(CaseFile, FolderIsNotACaseFile) {
  try {
    read_case(testing::test_cases_dir());
    ADD_FAILURE() << "no error";
  } catch (const IoError& error) {
    EXPECT_NE(std::string(error.what()).find("not a regular file"), std::string::npos);
  }
}

TEST(CaseFile, ErrorsNameTheFileAsGiven) {
  // Arrange: a file whose only problem is in line 3
  const std::filesystem::path file = testing::test_cases_dir() / "skins" / "broken_unit.yaml";
  // Act and assert: the preset is not a case, so the first complaint is its top-level key
  try {
    read_case(file);
    ADD_FAILURE() << "no error";
  } catch (const InputError& error) {
    EXPECT_EQ(error.where().file, file.string());
    EXPECT_EQ(error.where().line, 1);
    EXPECT_EQ(error.where().column, 1);
    EXPECT_EQ(error.key_path(), "layers");
  }
}

}  // namespace
}  // namespace dermaflux::input
