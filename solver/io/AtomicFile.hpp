#pragma once
// Files that are either complete or absent: written to a temporary name in the same
// folder, flushed to disk, then renamed over the target. An interrupted run never
// leaves a half-written summary, collection or snapshot that looks finished.

#include <filesystem>
#include <functional>
#include <string_view>

#include "io/ByteSink.hpp"

namespace dermaflux::io {

// A unique, hidden name in the same folder as `file` (".<name>.tmp.<pid>.<n>"): the
// place to build a file that replace_file() then moves over `file` in one step.
std::filesystem::path temporary_path_for(const std::filesystem::path& file);

// Throws IoError naming the file and the system's reason (disk full, permission).
void write_file_atomically(const std::filesystem::path& file, std::string_view content);
// The same with the content made as it is written: `produce` hands it, piece by
// piece, to the function it is given (a checkpoint streams its fields this way,
// without a copy of them in memory). An exception from `produce` leaves no file.
void write_file_atomically(const std::filesystem::path& file,
                           const std::function<void(const ByteSink&)>& produce);

// Flushes `from` to disk and renames it over `to` atomically; throws IoError on
// failure, leaving `from` for the caller to remove.
void replace_file(const std::filesystem::path& from, const std::filesystem::path& to);

}  // namespace dermaflux::io
