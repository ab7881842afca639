#include "io/AtomicFile.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ScratchFolder.hpp"
#include "core/Error.hpp"

namespace dermaflux::io {
namespace {

using testing::read_text;
using testing::ScratchFolder;

TEST(AtomicFile, WritesContentAndLeavesNoTemporary) {
  ScratchFolder folder;
  const auto file = folder / "summary.json";

  write_file_atomically(file, "{\"cells\": 8}\n");

  EXPECT_EQ(read_text(file), "{\"cells\": 8}\n");
  EXPECT_EQ(folder.entries(), std::vector<std::string>{"summary.json"});
}

TEST(AtomicFile, WritesBinaryContentWithNulBytes) {
  ScratchFolder folder;
  const auto file = folder / "blob.bin";
  const std::string content("a\0b\0c", 5);

  write_file_atomically(file, content);

  EXPECT_EQ(read_text(file), content);
}

TEST(AtomicFile, ReplacesAnExistingFileWhole) {
  ScratchFolder folder;
  const auto file = folder / "timeseries.csv";
  write_file_atomically(file, std::string(10000, 'x'));

  write_file_atomically(file, "short\n");

  EXPECT_EQ(read_text(file), "short\n");
  EXPECT_EQ(folder.entries(), std::vector<std::string>{"timeseries.csv"});
}

TEST(AtomicFile, MissingFolderThrowsIoErrorNamingTheFile) {
  ScratchFolder folder;
  const auto file = folder / "no_such_folder" / "summary.json";

  try {
    write_file_atomically(file, "{}");
    FAIL() << "expected IoError";
  } catch (const IoError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find(file.string()), std::string::npos) << message;
    EXPECT_NE(message.find("No such file or directory"), std::string::npos) << message;
  }
}

TEST(AtomicFile, FailedRenameRemovesTheTemporary) {
  ScratchFolder folder;
  // A folder cannot be replaced by a file: the rename fails after the data is written.
  const auto file = folder / "occupied";
  std::filesystem::create_directory(file);

  EXPECT_THROW(write_file_atomically(file, "data"), IoError);

  EXPECT_EQ(folder.entries(), std::vector<std::string>{"occupied"});
}

TEST(AtomicFile, TemporaryPathIsHiddenUniqueAndBesideTheTarget) {
  const std::filesystem::path file = "/results/run/case.pvd";

  const auto first = temporary_path_for(file);
  const auto second = temporary_path_for(file);

  EXPECT_EQ(first.parent_path(), file.parent_path());
  EXPECT_EQ(first.filename().string().rfind(".case.pvd.tmp.", 0), 0u) << first;
  EXPECT_NE(first, second);
}

TEST(AtomicFile, ReplaceFileMovesContentOverTheTarget) {
  ScratchFolder folder;
  write_file_atomically(folder / "old", "old content");
  write_file_atomically(folder / "new", "new content");

  replace_file(folder / "new", folder / "old");

  EXPECT_EQ(read_text(folder / "old"), "new content");
  EXPECT_EQ(folder.entries(), std::vector<std::string>{"old"});
}

TEST(AtomicFile, ReplaceFileFromMissingSourceThrowsIoError) {
  ScratchFolder folder;

  EXPECT_THROW(replace_file(folder / "absent", folder / "target"), IoError);
}

}  // namespace
}  // namespace dermaflux::io
