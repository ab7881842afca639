#include "io/VtkSnapshot.hpp"

#include <gtest/gtest.h>
#include <vtkCellData.h>
#include <vtkDataArray.h>
#include <vtkDoubleArray.h>
#include <vtkFieldData.h>
#include <vtkIntArray.h>
#include <vtkNew.h>
#include <vtkRectilinearGrid.h>
#include <vtkXMLPRectilinearGridReader.h>
#include <vtkXMLRectilinearGridReader.h>

#include <regex>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "ScratchFolder.hpp"
#include "core/Error.hpp"

namespace dermaflux::io {
namespace {

using testing::read_text;
using testing::ScratchFolder;

// 2 x 1 x 3 cells, non-uniform in x and z: skin below z = 0, a vehicle film above.
mesh::Grid tiny_grid() {
  return mesh::Grid({0.0, 1e-6, 3e-6}, {0.0, 2e-6}, {-5e-6, -1e-6, 0.0, 0.5e-6});
}

struct Fields {
  std::vector<double> concentration, potential, channel_fraction;
  std::vector<int> material;

  explicit Fields(std::size_t cells)
      : concentration(cells), potential(cells), channel_fraction(cells), material(cells) {
    for (std::size_t n = 0; n < cells; ++n) {
      concentration[n] = 0.1 * static_cast<double>(n) + 1.0 / 3.0;
      potential[n] = 2.5 * static_cast<double>(n) - 1e-300;
      channel_fraction[n] = static_cast<double>(n) / static_cast<double>(cells);
      material[n] = static_cast<int>(n % 4);
    }
  }
  SnapshotArrays arrays() const { return {concentration, potential, material, channel_fraction}; }
};

// The text of the tiny grid's snapshot of Fields at t = 0, written into `folder`.
std::string tiny_snapshot_text(const ScratchFolder& folder) {
  const auto grid = tiny_grid();
  const Fields fields(grid.cell_count());
  const auto file = folder / "case_0000.vtr";
  write_vtr_snapshot(file, grid, fields.arrays(), 0.0);
  return read_text(file);
}

vtkSmartPointer<vtkRectilinearGrid> read_back(const std::filesystem::path& file) {
  vtkNew<vtkXMLRectilinearGridReader> reader;
  reader->SetFileName(file.c_str());
  reader->Update();
  return reader->GetOutput();
}

void expect_coordinates_um(vtkDataArray* coordinates, const std::vector<double>& nodes_m) {
  ASSERT_NE(coordinates, nullptr);
  ASSERT_EQ(coordinates->GetNumberOfTuples(), static_cast<vtkIdType>(nodes_m.size()));
  for (std::size_t n = 0; n < nodes_m.size(); ++n) {
    EXPECT_DOUBLE_EQ(coordinates->GetTuple1(static_cast<vtkIdType>(n)), nodes_m[n] * 1e6);
  }
}

template <typename VtkArray, typename T>
void expect_cell_array(vtkRectilinearGrid& grid, const char* name, const std::vector<T>& values) {
  auto* array = VtkArray::SafeDownCast(grid.GetCellData()->GetArray(name));
  ASSERT_NE(array, nullptr) << name << " missing or of the wrong type";
  ASSERT_EQ(array->GetNumberOfValues(), static_cast<vtkIdType>(values.size())) << name;
  for (std::size_t n = 0; n < values.size(); ++n) {
    EXPECT_EQ(array->GetValue(static_cast<vtkIdType>(n)), values[n]) << name << "[" << n << "]";
  }
}

TEST(VtkSnapshot, ReadsBackCoordinatesInMicrometresArraysAndTime) {
  ScratchFolder folder;
  const auto grid = tiny_grid();
  const Fields fields(grid.cell_count());
  const auto file = folder / "case_0001.vtr";

  write_vtr_snapshot(file, grid, fields.arrays(), 1.5);
  const auto output = read_back(file);

  int dimensions[3];
  output->GetDimensions(dimensions);
  EXPECT_EQ(dimensions[0], 3);
  EXPECT_EQ(dimensions[1], 2);
  EXPECT_EQ(dimensions[2], 4);
  expect_coordinates_um(output->GetXCoordinates(), grid.x_nodes_m());
  expect_coordinates_um(output->GetYCoordinates(), grid.y_nodes_m());
  expect_coordinates_um(output->GetZCoordinates(), grid.z_nodes_m());
  // Raw binary round-trips bit for bit, so values compare exactly.
  expect_cell_array<vtkDoubleArray>(*output, "concentration", fields.concentration);
  expect_cell_array<vtkDoubleArray>(*output, "potential", fields.potential);
  expect_cell_array<vtkIntArray>(*output, "material", fields.material);
  expect_cell_array<vtkDoubleArray>(*output, "channel_fraction", fields.channel_fraction);
  auto* time = output->GetFieldData()->GetArray("TimeValue");
  ASSERT_NE(time, nullptr);
  ASSERT_EQ(time->GetNumberOfTuples(), 1);
  EXPECT_EQ(time->GetTuple1(0), 1.5);
}

// A split run's snapshot: each rank writes its block of cells as a piece and the
// .pvtr makes them one data set. VTK's parallel reader (ParaView's) must give back
// the whole grid, its coordinates and every cell's values in order.
TEST(VtkSnapshot, PiecesOfBlocksReadBackAsTheWholeGridThroughThePvtr) {
  ScratchFolder folder;
  const auto whole = tiny_grid();  // 2 x 1 x 3 cells
  const Fields fields(whole.cell_count());
  // Three blocks: the bottom plane cut in x, and the two planes above it whole.
  const std::vector<std::pair<CellOffset, std::array<int, 3>>> blocks = {
      {{0, 0, 0}, {1, 1, 1}}, {{1, 0, 0}, {1, 1, 1}}, {{0, 0, 1}, {2, 1, 2}}};
  std::vector<SnapshotPiece> pieces;
  for (std::size_t r = 0; r < blocks.size(); ++r) {
    const auto& [offset, cells] = blocks[r];
    auto nodes = [](const std::vector<double>& all, int first, int count) {
      return std::vector<double>(all.begin() + first, all.begin() + first + count + 1);
    };
    const mesh::Grid part(nodes(whole.x_nodes_m(), offset[0], cells[0]),
                          nodes(whole.y_nodes_m(), offset[1], cells[1]),
                          nodes(whole.z_nodes_m(), offset[2], cells[2]));
    Fields block(part.cell_count());
    for (int k = 0; k < cells[2]; ++k)
      for (int j = 0; j < cells[1]; ++j)
        for (int i = 0; i < cells[0]; ++i) {
          const std::size_t mine = part.index(i, j, k);
          const std::size_t all = whole.index(offset[0] + i, offset[1] + j, offset[2] + k);
          block.concentration[mine] = fields.concentration[all];
          block.potential[mine] = fields.potential[all];
          block.material[mine] = fields.material[all];
          block.channel_fraction[mine] = fields.channel_fraction[all];
        }
    const std::string source = "case_0002_" + std::to_string(r) + ".vtr";
    write_vtr_snapshot(folder / source, part, block.arrays(), 2.0, offset);
    pieces.push_back({offset, cells, source});
  }
  write_pvtr_index(folder / "case_0002.pvtr", whole, pieces);

  vtkNew<vtkXMLPRectilinearGridReader> reader;
  reader->SetFileName((folder / "case_0002.pvtr").c_str());
  reader->Update();
  vtkRectilinearGrid* output = reader->GetOutput();
  ASSERT_EQ(output->GetNumberOfCells(), static_cast<vtkIdType>(whole.cell_count()));
  expect_coordinates_um(output->GetXCoordinates(), whole.x_nodes_m());
  expect_coordinates_um(output->GetYCoordinates(), whole.y_nodes_m());
  expect_coordinates_um(output->GetZCoordinates(), whole.z_nodes_m());
  expect_cell_array<vtkDoubleArray>(*output, "concentration", fields.concentration);
  expect_cell_array<vtkDoubleArray>(*output, "potential", fields.potential);
  expect_cell_array<vtkIntArray>(*output, "material", fields.material);
  expect_cell_array<vtkDoubleArray>(*output, "channel_fraction", fields.channel_fraction);
}

TEST(VtkSnapshot, WritesRawAppendedBinaryWithUInt64Headers) {
  ScratchFolder folder;
  const std::string text = tiny_snapshot_text(folder);

  EXPECT_NE(text.find("<AppendedData encoding=\"raw\">"), std::string::npos);
  EXPECT_NE(text.find("header_type=\"UInt64\""), std::string::npos);
  EXPECT_EQ(text.find("encoding=\"base64\""), std::string::npos);
  EXPECT_EQ(text.find("compressor="), std::string::npos);
}

// The ranges are computed by us and handed to VTK's cache (io/VtkSnapshot.cpp):
// they must be what the arrays hold, as ParaView shows them before reading data.
TEST(VtkSnapshot, StatesEachArraysRangeInTheHeader) {
  ScratchFolder folder;
  const std::string text = tiny_snapshot_text(folder);

  auto range_of = [&](const std::string& name) {
    const std::regex pattern("Name=\"" + name +
                             "\"[^>]*RangeMin=\"([^\"]+)\"\\s*RangeMax=\"([^\"]+)\"");
    std::smatch found;
    EXPECT_TRUE(std::regex_search(text, found, pattern)) << name;
    return std::pair{std::stod(found[1].str()), std::stod(found[2].str())};
  };
  const auto n = static_cast<double>(tiny_grid().cell_count());
  const auto [c_low, c_high] = range_of("concentration");
  EXPECT_NEAR(c_low, 1.0 / 3.0, 1e-10);
  EXPECT_NEAR(c_high, 0.1 * (n - 1) + 1.0 / 3.0, 1e-10);
  const auto [p_low, p_high] = range_of("potential");
  EXPECT_LT(p_low, 0.0);  // -1e-300: the minimum, not the smallest magnitude
  EXPECT_NEAR(p_high, 2.5 * (n - 1), 1e-10);
  const auto [m_low, m_high] = range_of("material");
  EXPECT_EQ(m_low, 0.0);
  EXPECT_EQ(m_high, 3.0);
}

TEST(VtkSnapshot, SameInputWritesIdenticalBytes) {
  ScratchFolder folder;
  const auto grid = tiny_grid();
  const Fields fields(grid.cell_count());

  write_vtr_snapshot(folder / "first.vtr", grid, fields.arrays(), 3.0);
  write_vtr_snapshot(folder / "second.vtr", grid, fields.arrays(), 3.0);

  // Regression tests and sweeps compare result files; nothing may depend on addresses.
  EXPECT_EQ(read_text(folder / "first.vtr"), read_text(folder / "second.vtr"));
}

TEST(VtkSnapshot, LeavesOnlyTheFinalFileAndReplacesAnOldOne) {
  ScratchFolder folder;
  const auto grid = tiny_grid();
  Fields fields(grid.cell_count());
  const auto file = folder / "case_0002.vtr";
  write_vtr_snapshot(file, grid, fields.arrays(), 2.0);

  fields.concentration.assign(fields.concentration.size(), 7.0);
  write_vtr_snapshot(file, grid, fields.arrays(), 2.0);

  EXPECT_EQ(folder.entries(), std::vector<std::string>{"case_0002.vtr"});
  expect_cell_array<vtkDoubleArray>(*read_back(file), "concentration", fields.concentration);
}

TEST(VtkSnapshot, RejectsAnArrayOfTheWrongLength) {
  ScratchFolder folder;
  const auto grid = tiny_grid();
  Fields fields(grid.cell_count());
  fields.material.pop_back();

  EXPECT_THROW(write_vtr_snapshot(folder / "bad.vtr", grid, fields.arrays(), 0.0),
               std::invalid_argument);
  EXPECT_TRUE(folder.entries().empty());
}

TEST(VtkSnapshot, MissingFolderThrowsIoErrorNamingTheFile) {
  ScratchFolder folder;
  const auto grid = tiny_grid();
  const Fields fields(grid.cell_count());
  const auto file = folder / "gone" / "case_0000.vtr";

  try {
    write_vtr_snapshot(file, grid, fields.arrays(), 0.0);
    FAIL() << "expected IoError";
  } catch (const IoError& error) {
    EXPECT_NE(std::string(error.what()).find(file.string()), std::string::npos) << error.what();
  }
}

TEST(VtkSnapshot, WritesAMillionCellSnapshot) {
  ScratchFolder folder;
  std::vector<double> nodes_m(101);
  for (std::size_t n = 0; n < nodes_m.size(); ++n) nodes_m[n] = 1e-5 * static_cast<double>(n);
  const mesh::Grid grid(nodes_m, nodes_m, nodes_m);
  const Fields fields(grid.cell_count());
  const auto file = folder / "big.vtr";

  write_vtr_snapshot(file, grid, fields.arrays(), 24.0);

  // Four arrays of 10^6 values: 3 x 8 + 4 bytes each, plus headers and coordinates.
  EXPECT_GT(std::filesystem::file_size(file), 28'000'000u);
  EXPECT_EQ(folder.entries(), std::vector<std::string>{"big.vtr"});
}

}  // namespace
}  // namespace dermaflux::io
