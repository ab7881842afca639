#include "io/PvdCollection.hpp"

#include <charconv>
#include <cmath>
#include <stdexcept>
#include <string>

#include "io/AtomicFile.hpp"

namespace dermaflux::io {
namespace {

// Shortest text that reads back as the same double, so a time the user asked for
// (0.1 h) is written as 0.1, and an output time is never rounded onto its neighbour.
std::string round_trip(double value) {
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

// File names come from the case name and may hold characters XML reserves.
std::string xml_attribute(const std::string& text) {
  std::string escaped;
  escaped.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        escaped += "&amp;";
        break;
      case '<':
        escaped += "&lt;";
        break;
      case '>':
        escaped += "&gt;";
        break;
      case '"':
        escaped += "&quot;";
        break;
      case '\'':
        escaped += "&apos;";
        break;
      default:
        escaped += c;
    }
  }
  return escaped;
}

}  // namespace

PvdCollection::PvdCollection(std::filesystem::path pvd_file) : pvd_file_(std::move(pvd_file)) {}

void PvdCollection::add(double time_h, const std::string& relative_file) {
  // ParaView cannot place a data set at a non-finite time; this is a caller's bug.
  if (!std::isfinite(time_h)) {
    throw std::invalid_argument("collection time for '" + relative_file + "' is not finite");
  }
  entries_.push_back({time_h, relative_file});

  std::string xml =
      "<?xml version=\"1.0\"?>\n"
      "<VTKFile type=\"Collection\" version=\"0.1\" byte_order=\"LittleEndian\">\n"
      "  <Collection>\n";
  for (const Entry& entry : entries_) {
    xml += "    <DataSet timestep=\"" + round_trip(entry.time_h) +
           "\" group=\"\" part=\"0\" file=\"" + xml_attribute(entry.relative_file) + "\"/>\n";
  }
  xml +=
      "  </Collection>\n"
      "</VTKFile>\n";

  try {
    write_file_atomically(pvd_file_, xml);
  } catch (...) {
    // The collection on disk still lists the earlier entries; keep memory in step.
    entries_.pop_back();
    throw;
  }
}

}  // namespace dermaflux::io
