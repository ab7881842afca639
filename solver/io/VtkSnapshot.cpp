#include "io/VtkSnapshot.hpp"

#include <vtkCellData.h>
#include <vtkDoubleArray.h>
#include <vtkFieldData.h>
#include <vtkInformation.h>
#include <vtkInformationVector.h>
#include <vtkIntArray.h>
#include <vtkNew.h>
#include <vtkRectilinearGrid.h>
#include <vtkXMLRectilinearGridWriter.h>

#include <limits>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/Error.hpp"
#include "io/AtomicFile.hpp"
#include "io/VtkXmlFile.hpp"

namespace dermaflux::io {
namespace {

// ParaView users read skin depths in micrometres, not metres.
constexpr double kMicrometresPerMetre = 1e6;

template <typename T>
void require_cell_count(std::span<const T> values, std::size_t cell_count, const char* name) {
  if (values.size() != cell_count) {
    throw std::invalid_argument("snapshot array '" + std::string(name) + "' has " +
                                std::to_string(values.size()) + " values, the grid has " +
                                std::to_string(cell_count) + " cells");
  }
}

// Named, because VTK would otherwise name them after their memory address and two
// runs of the same case would not write identical files.
vtkNew<vtkDoubleArray> coordinates_um(const char* name, const std::vector<double>& nodes_m) {
  vtkNew<vtkDoubleArray> coordinates;
  coordinates->SetName(name);
  coordinates->SetNumberOfValues(static_cast<vtkIdType>(nodes_m.size()));
  for (std::size_t n = 0; n < nodes_m.size(); ++n) {
    coordinates->SetValue(static_cast<vtkIdType>(n), nodes_m[n] * kMicrometresPerMetre);
  }
  return coordinates;
}

// The writer puts every array's range in the file (RangeMin, RangeMax) and VTK
// works it out one value at a time: 25 ms per array of 10^6 cells, most of a
// snapshot's cost. Worked out here in parallel and handed to VTK's range cache
// (the per-component range, which GetRange(-1) reads for one component; the
// cache is newer than the array, so VTK trusts it). NaN is skipped, as VTK does.
template <typename T>
void cache_range(vtkDataArray& array, std::span<const T> values) {
  if (values.empty()) return;
  double low = std::numeric_limits<double>::infinity();
  double high = -low;
  const T* v = values.data();
  const std::size_t count = values.size();
#pragma omp parallel for schedule(static) reduction(min : low) reduction(max : high)
  for (std::size_t c = 0; c < count; ++c) {
    const double x = static_cast<double>(v[c]);
    low = x < low ? x : low;  // false for NaN: skipped
    high = x > high ? x : high;
  }
  if (!(low <= high)) return;  // all NaN: let VTK say what it says
  vtkNew<vtkInformationVector> per_component;
  per_component->SetNumberOfInformationObjects(1);
  const double range[2] = {low, high};
  per_component->GetInformationObject(0)->Set(vtkDataArray::COMPONENT_RANGE(), range, 2);
  array.GetInformation()->Set(vtkAbstractArray::PER_COMPONENT(), per_component);
}

// Wraps the caller's values without copying. save = 1: VTK never frees them, and the
// writer only reads, so casting away const is safe for the array's short life here.
template <typename VtkArray, typename T>
void add_cell_array(vtkRectilinearGrid& grid, const char* name, std::span<const T> values) {
  vtkNew<VtkArray> array;
  array->SetName(name);
  array->SetArray(const_cast<T*>(values.data()), static_cast<vtkIdType>(values.size()), 1);
  cache_range(*array, values);
  grid.GetCellData()->AddArray(array);
}

}  // namespace

void write_vtr_snapshot(const std::filesystem::path& file, const mesh::Grid& grid,
                        const SnapshotArrays& arrays, double time_h, CellOffset offset) {
  place_temporary(write_vtr_snapshot_to_temporary(file, grid, arrays, time_h, offset), file);
}

void write_pvtr_index(const std::filesystem::path& file, const mesh::Grid& whole,
                      const std::vector<SnapshotPiece>& pieces) {
  std::ostringstream xml;
  xml << "<?xml version=\"1.0\"?>\n"
      << "<VTKFile type=\"PRectilinearGrid\" version=\"1.0\" byte_order=\"LittleEndian\" "
         "header_type=\"UInt64\">\n"
      << "  <PRectilinearGrid WholeExtent=\"0 " << whole.nx() << " 0 " << whole.ny() << " 0 "
      << whole.nz() << "\" GhostLevel=\"0\">\n"
      << "    <PCellData Scalars=\"concentration\">\n"
      << "      <PDataArray type=\"Float64\" Name=\"concentration\"/>\n"
      << "      <PDataArray type=\"Float64\" Name=\"potential\"/>\n"
      << "      <PDataArray type=\"Int32\" Name=\"material\"/>\n"
      << "      <PDataArray type=\"Float64\" Name=\"channel_fraction\"/>\n"
      << "    </PCellData>\n"
      << "    <PCoordinates>\n"
      << "      <PDataArray type=\"Float64\" Name=\"x_um\"/>\n"
      << "      <PDataArray type=\"Float64\" Name=\"y_um\"/>\n"
      << "      <PDataArray type=\"Float64\" Name=\"z_um\"/>\n"
      << "    </PCoordinates>\n";
  for (const auto& piece : pieces)
    xml << "    <Piece Extent=\"" << piece.offset[0] << " " << piece.offset[0] + piece.cells[0]
        << " " << piece.offset[1] << " " << piece.offset[1] + piece.cells[1] << " "
        << piece.offset[2] << " " << piece.offset[2] + piece.cells[2] << "\" Source=\""
        << piece.source << "\"/>\n";
  xml << "  </PRectilinearGrid>\n</VTKFile>\n";
  write_file_atomically(file, xml.str());
}

std::filesystem::path write_vtr_snapshot_to_temporary(const std::filesystem::path& file,
                                                      const mesh::Grid& grid,
                                                      const SnapshotArrays& arrays, double time_h,
                                                      CellOffset offset) {
  const std::size_t cells = grid.cell_count();
  require_cell_count(arrays.concentration_mg_ml, cells, "concentration");
  require_cell_count(arrays.potential_mg_ml, cells, "potential");
  require_cell_count(arrays.material, cells, "material");
  require_cell_count(arrays.channel_fraction, cells, "channel_fraction");

  vtkNew<vtkRectilinearGrid> vtk_grid;
  vtk_grid->SetExtent(offset[0], offset[0] + grid.nx(), offset[1], offset[1] + grid.ny(), offset[2],
                      offset[2] + grid.nz());
  vtk_grid->SetXCoordinates(coordinates_um("x_um", grid.x_nodes_m()));
  vtk_grid->SetYCoordinates(coordinates_um("y_um", grid.y_nodes_m()));
  vtk_grid->SetZCoordinates(coordinates_um("z_um", grid.z_nodes_m()));
  add_cell_array<vtkDoubleArray>(*vtk_grid, "concentration", arrays.concentration_mg_ml);
  add_cell_array<vtkDoubleArray>(*vtk_grid, "potential", arrays.potential_mg_ml);
  add_cell_array<vtkIntArray>(*vtk_grid, "material", arrays.material);
  add_cell_array<vtkDoubleArray>(*vtk_grid, "channel_fraction", arrays.channel_fraction);
  vtk_grid->GetCellData()->SetActiveScalars("concentration");

  // TimeValue is the field-data name VTK and ParaView readers take a data set's time from.
  vtkNew<vtkDoubleArray> time_value;
  time_value->SetName("TimeValue");
  time_value->InsertNextValue(time_h);
  vtk_grid->GetFieldData()->AddArray(time_value);

  vtkNew<vtkXMLRectilinearGridWriter> writer;
  return write_vtk_xml_to_temporary(*writer, *vtk_grid, file);
}

}  // namespace dermaflux::io
