#pragma once
// Files that are either complete or absent: written to a temporary name in the same
// folder, flushed to disk, then renamed over the target. An interrupted run never
// leaves a half-written summary, collection or snapshot that looks finished.

#include <filesystem>
#include <string_view>

namespace dermaflux::io {

// A unique, hidden name in the same folder as `file` (".<name>.tmp.<pid>.<n>"): the
// place to build a file that replace_file() then moves over `file` in one step.
std::filesystem::path temporary_path_for(const std::filesystem::path& file);

// Throws IoError naming the file and the system's reason (disk full, permission).
void write_file_atomically(const std::filesystem::path& file, std::string_view content);

// Flushes `from` to disk and renames it over `to` atomically; throws IoError on
// failure, leaving `from` for the caller to remove.
void replace_file(const std::filesystem::path& from, const std::filesystem::path& to);

}  // namespace dermaflux::io
