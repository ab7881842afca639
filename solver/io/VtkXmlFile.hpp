#pragma once
// Writing a VTK XML file (any vtkXMLWriter: .vtr, .vtp, ...) the way all our
// VTK outputs are written: raw appended binary without compression, 64-bit
// headers, to a temporary name in the same folder that replaces the target only
// once complete, with VTK's own error text turned into one IoError.

#include <filesystem>

class vtkDataObject;
class vtkXMLWriter;

namespace dermaflux::io {

void write_vtk_xml(vtkXMLWriter& writer, vtkDataObject& data, const std::filesystem::path& file);

}  // namespace dermaflux::io
