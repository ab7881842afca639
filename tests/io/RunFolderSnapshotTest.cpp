// Snapshots are flushed to disk on another thread (RunFolder::write_snapshot): the
// collection must still list exactly the snapshots in place, in order, once
// anything that claims progress (a checkpoint, the summary) is written.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "ScratchFolder.hpp"
#include "io/RunFolder.hpp"

namespace dermaflux::io {
namespace {

using testing::read_text;
using testing::ScratchFolder;

struct TwoCells {
  mesh::Grid grid{{0.0, 1e-6}, {0.0, 1e-6}, {-2e-6, -1e-6, 0.0}};
  std::vector<double> concentration{1.0, 2.0}, potential{1.0, 2.0}, channel_fraction{0.0, 0.5};
  std::vector<int> material{1, 0};
  SnapshotArrays arrays() const { return {concentration, potential, material, channel_fraction}; }
};

std::vector<std::string> leftovers(const std::filesystem::path& folder) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(folder))
    if (entry.path().filename().string().find(".tmp") != std::string::npos)
      names.push_back(entry.path().filename().string());
  return names;
}

// The snapshot is on disk under its final name and no temporary is left beside it.
void expect_in_place(const std::filesystem::path& run, const std::string& name) {
  EXPECT_TRUE(std::filesystem::exists(run / "snapshots" / name)) << name;
  EXPECT_TRUE(leftovers(run / "snapshots").empty());
}

TEST(RunFolderSnapshots, AreListedInOrderAndInPlaceWhenTheRunFinishes) {
  // Arrange
  ScratchFolder scratch;
  const TwoCells cells;
  {
    RunFolder folder(scratch.path() / "run", "two", {"name: two\n"});
    // Act
    folder.write_snapshot(0, 0.0, cells.grid, cells.arrays());
    folder.write_snapshot(1, 1.0, cells.grid, cells.arrays());
    folder.finish("{}\n");
  }
  // Assert
  const std::string pvd = read_text(scratch.path() / "run" / "two.pvd");
  const auto first = pvd.find("snapshots/two_0000.vtr");
  const auto second = pvd.find("snapshots/two_0001.vtr");
  ASSERT_NE(first, std::string::npos) << pvd;
  ASSERT_NE(second, std::string::npos) << pvd;
  EXPECT_LT(first, second);
  expect_in_place(scratch.path() / "run", "two_0001.vtr");
}

TEST(RunFolderSnapshots, ACheckpointWaitsForTheSnapshotBeforeIt) {
  // Arrange
  ScratchFolder scratch;
  const TwoCells cells;
  RunFolder folder(scratch.path() / "run", "two", {"name: two\n"});
  folder.write_snapshot(0, 0.0, cells.grid, cells.arrays());
  // Act
  folder.write_checkpoint("state");
  // Assert: the checkpoint says output 0 is done, so it is in the collection and on disk.
  EXPECT_NE(read_text(scratch.path() / "run" / "two.pvd").find("snapshots/two_0000.vtr"),
            std::string::npos);
  expect_in_place(scratch.path() / "run", "two_0000.vtr");
}

TEST(RunFolderSnapshots, AFolderLeftWithoutFinishingStillPlacesItsLastSnapshot) {
  // Arrange
  ScratchFolder scratch;
  const TwoCells cells;
  // Act: a run ending by an exception destroys its folder with a flush in flight.
  {
    RunFolder folder(scratch.path() / "run", "two", {"name: two\n"});
    folder.write_snapshot(0, 0.0, cells.grid, cells.arrays());
  }
  // Assert
  expect_in_place(scratch.path() / "run", "two_0000.vtr");
  EXPECT_FALSE(std::filesystem::exists(scratch.path() / "run" / "summary.json"));
}

}  // namespace
}  // namespace dermaflux::io
