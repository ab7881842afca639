#pragma once
// A serum file for `dermaflux compare`: the keys of a case's `serum:` section at
// the top level (a serum preset file from cases/serums/ is one too: its
// description and sources are accepted and ignored).

#include <filesystem>

#include "input/Case.hpp"

namespace dermaflux::input {

// Reads and validates a serum file; errors name the file, line, column and key.
Serum read_serum_file(const std::filesystem::path& file);

}  // namespace dermaflux::input
