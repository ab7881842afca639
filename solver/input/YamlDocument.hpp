#pragma once
// Reading one YAML document from text or from a file, with every failure (a missing
// file, a syntax error, an empty file, a second document) as a dermaflux error that
// names the file and, where there is one, the line and column. Private to solver/input.

#include <filesystem>
#include <string>

#include "input/YamlFields.hpp"

namespace dermaflux::input {

// The root of the single YAML document in `text`; `file` labels messages and
// `what_it_is` says what the document should have been ("a case: a mapping ...").
Located load_yaml_text(const std::string& text, const std::string& file,
                       const std::string& what_it_is);

// The whole content of a file; IoError naming the path if it cannot be read.
std::string read_text_file(const std::filesystem::path& path);

}  // namespace dermaflux::input
