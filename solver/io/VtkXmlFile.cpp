#include "io/VtkXmlFile.hpp"

#include <vtkCommand.h>
#include <vtkDataObject.h>
#include <vtkErrorCode.h>
#include <vtkExecutive.h>
#include <vtkNew.h>
#include <vtkXMLWriter.h>

#include <cerrno>
#include <cstdio>
#include <string>
#include <system_error>

#include "core/Error.hpp"
#include "io/AtomicFile.hpp"

namespace dermaflux::io {
namespace {

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
// are named here instead of linking one more module. Codes below FirstVTKErrorCode
// are errno values (vtkErrorCode::GetLastSystemError), which the system names.
std::string describe(unsigned long vtk_error_code) {
  switch (vtk_error_code) {
    case vtkErrorCode::OutOfDiskSpaceError:
      return "no space left on device";
    case vtkErrorCode::CannotOpenFileError:
      return "cannot open the file";
    case vtkErrorCode::NoFileNameError:
      return "no file name";
    default:
      if (vtk_error_code > 0 && vtk_error_code < vtkErrorCode::FirstVTKErrorCode)
        return std::generic_category().message(static_cast<int>(vtk_error_code));
      return "VTK error code " + std::to_string(vtk_error_code);
  }
}

// Cleanup on a path that is already failing: a second error must not hide the first.
void remove_quietly(const std::filesystem::path& temporary) {
  std::error_code ignored;
  std::filesystem::remove(temporary, ignored);
}

}  // namespace

void write_vtk_xml(vtkXMLWriter& writer, vtkDataObject& data, const std::filesystem::path& file) {
  place_temporary(write_vtk_xml_to_temporary(writer, data, file), file);
}

void place_temporary(const std::filesystem::path& temporary, const std::filesystem::path& file) {
  try {
    replace_file(temporary, file);
  } catch (...) {
    remove_quietly(temporary);
    throw;
  }
}

std::filesystem::path write_vtk_xml_to_temporary(vtkXMLWriter& writer, vtkDataObject& data,
                                                 const std::filesystem::path& file) {
  const std::filesystem::path temporary = temporary_path_for(file);
  reserve(temporary, file);
  vtkNew<ErrorCollector> errors;
  writer.AddObserver(vtkCommand::ErrorEvent, errors);
  // A write that fails part-way (a full disk, a file-size limit) is reported by the
  // pipeline's executive, not the writer, and Write() may still return 1: listen to
  // both and treat any error as a failed file.
  writer.GetExecutive()->AddObserver(vtkCommand::ErrorEvent, errors);
  writer.SetInputData(&data);
  writer.SetFileName(temporary.c_str());
  // Raw appended binary: the smallest and fastest layout ParaView reads; base64 would
  // cost a third more disk and the encoding time.
  writer.SetDataModeToAppended();
  writer.EncodeAppendedDataOff();
  writer.SetCompressorTypeToNone();
  writer.SetHeaderTypeToUInt64();

  try {
    if (writer.Write() != 1 || !errors->message.empty()) {
      const unsigned long code = writer.GetErrorCode();
      // The system's reason says it all; VTK's pipeline text only when there is none.
      std::string reason = code != vtkErrorCode::NoError ? describe(code) : errors->message;
      if (code == vtkErrorCode::UnknownError && !errors->message.empty())
        reason += " (" + errors->message + ")";
      throw IoError("cannot write '" + file.string() + "': " + reason);
    }
  } catch (...) {
    remove_quietly(temporary);
    throw;
  }
  return temporary;
}

}  // namespace dermaflux::io
