#include "io/VtkSnapshot.hpp"

#include <vtkCellData.h>
#include <vtkCommand.h>
#include <vtkDoubleArray.h>
#include <vtkErrorCode.h>
#include <vtkFieldData.h>
#include <vtkIntArray.h>
#include <vtkNew.h>
#include <vtkRectilinearGrid.h>
#include <vtkXMLRectilinearGridWriter.h>

#include <cerrno>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

#include "core/Error.hpp"
#include "io/AtomicFile.hpp"

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

// Wraps the caller's values without copying. save = 1: VTK never frees them, and the
// writer only reads, so casting away const is safe for the array's short life here.
template <typename VtkArray, typename T>
void add_cell_array(vtkRectilinearGrid& grid, const char* name, std::span<const T> values) {
  vtkNew<VtkArray> array;
  array->SetName(name);
  array->SetArray(const_cast<T*>(values.data()), static_cast<vtkIdType>(values.size()), 1);
  grid.GetCellData()->AddArray(array);
}

// Collects VTK's error text instead of letting VTK print it to stderr, so the failure
// reaches the user once, inside the IoError.
class ErrorCollector : public vtkCommand {
 public:
  static ErrorCollector* New() { return new ErrorCollector; }
  // VTK's text spans lines ("ERROR: In file, line n" then the message); the user
  // gets one line.
  void Execute(vtkObject*, unsigned long, void* call_data) override {
    if (call_data == nullptr) return;
    for (const char* c = static_cast<const char*>(call_data); *c != '\0'; ++c) {
      const bool space = *c == '\n' || *c == ' ';
      if (space && (message.empty() || message.back() == ' ')) continue;
      message += space ? ' ' : *c;
    }
    while (!message.empty() && message.back() == ' ') message.pop_back();
  }
  std::string message;
};

// Reserving the temporary name ourselves gives the system's exact reason (missing
// folder, permission denied) when it fails, which VTK's writer would not report.
void reserve(const std::filesystem::path& temporary, const std::filesystem::path& file) {
  std::FILE* stream = std::fopen(temporary.c_str(), "wx");
  if (stream == nullptr) {
    throw IoError("cannot write '" + file.string() +
                  "': " + std::generic_category().message(errno));
  }
  std::fclose(stream);
}

// vtkErrorCode's own text lives in VTK::CommonMisc; the few codes the XML writer sets
// are named here instead of linking one more module.
std::string describe(unsigned long vtk_error_code) {
  switch (vtk_error_code) {
    case vtkErrorCode::OutOfDiskSpaceError:
      return "no space left on device";
    case vtkErrorCode::CannotOpenFileError:
      return "cannot open the file";
    case vtkErrorCode::NoFileNameError:
      return "no file name";
    default:
      return "VTK error code " + std::to_string(vtk_error_code);
  }
}

// Cleanup on a path that is already failing: a second error must not hide the first.
void remove_quietly(const std::filesystem::path& temporary) {
  std::error_code ignored;
  std::filesystem::remove(temporary, ignored);
}

}  // namespace

void write_vtr_snapshot(const std::filesystem::path& file, const mesh::Grid& grid,
                        const SnapshotArrays& arrays, double time_h) {
  const std::size_t cells = grid.cell_count();
  require_cell_count(arrays.concentration_mg_ml, cells, "concentration");
  require_cell_count(arrays.potential_mg_ml, cells, "potential");
  require_cell_count(arrays.material, cells, "material");
  require_cell_count(arrays.channel_fraction, cells, "channel_fraction");

  vtkNew<vtkRectilinearGrid> vtk_grid;
  vtk_grid->SetDimensions(grid.nx() + 1, grid.ny() + 1, grid.nz() + 1);
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

  const std::filesystem::path temporary = temporary_path_for(file);
  reserve(temporary, file);
  vtkNew<ErrorCollector> errors;
  vtkNew<vtkXMLRectilinearGridWriter> writer;
  writer->AddObserver(vtkCommand::ErrorEvent, errors);
  writer->SetInputData(vtk_grid);
  writer->SetFileName(temporary.c_str());
  // Raw appended binary: the smallest and fastest layout ParaView reads; base64 would
  // cost a third more disk and the encoding time.
  writer->SetDataModeToAppended();
  writer->EncodeAppendedDataOff();
  writer->SetCompressorTypeToNone();
  writer->SetHeaderTypeToUInt64();

  try {
    if (writer->Write() != 1) {
      std::string reason = describe(writer->GetErrorCode());
      if (!errors->message.empty()) reason += " (" + errors->message + ")";
      throw IoError("cannot write '" + file.string() + "': " + reason);
    }
    replace_file(temporary, file);
  } catch (...) {
    remove_quietly(temporary);
    throw;
  }
}

}  // namespace dermaflux::io
