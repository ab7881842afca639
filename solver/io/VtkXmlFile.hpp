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

// The first half of write_vtk_xml: the complete file under a temporary name beside
// `file`, returned; the caller moves it over `file` with place_temporary() below.
// Nothing is left behind on a throw.
std::filesystem::path write_vtk_xml_to_temporary(vtkXMLWriter& writer, vtkDataObject& data,
                                                 const std::filesystem::path& file);

// The second half: flushes `temporary` to disk and renames it over `file`; on a
// throw (IoError) the temporary is removed.
void place_temporary(const std::filesystem::path& temporary, const std::filesystem::path& file);

}  // namespace dermaflux::io
