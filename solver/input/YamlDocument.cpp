#include "input/YamlDocument.hpp"

#include <fstream>
#include <sstream>
#include <vector>

#include "input/NumberText.hpp"

namespace dermaflux::input {
namespace {

// The text of 0-based line `line`, for showing what the parser choked on.
std::string line_of(const std::string& text, int line) {
  std::istringstream lines(text);
  std::string current;
  for (int i = 0; std::getline(lines, current); ++i) {
    if (i == line) return std::string(trim_blanks(current));
  }
  return {};
}

}  // namespace

Located load_yaml_text(const std::string& text, const std::string& file,
                       const std::string& what_it_is) {
  std::vector<YAML::Node> documents;
  try {
    documents = YAML::LoadAll(text);
  } catch (const YAML::Exception& error) {
    const SourceLocation where = location_of(error.mark, file);
    const std::string line = line_of(text, error.mark.line);
    throw InputError(where, "", "well-formed YAML",
                     line.empty() ? "the end of the file" : "\"" + line + "\"",
                     "YAML syntax: " + error.msg);
  }
  // An empty or comments-only file holds no document at all; "---" alone, a null one.
  if (documents.empty() || documents.front().IsNull()) {
    throw InputError(SourceLocation{file, 1, 1}, "", what_it_is, "an empty file");
  }
  if (documents.size() > 1) {
    throw InputError(location_of(documents[1].Mark(), file), "", "a single YAML document",
                     "a second document", "remove the \"---\" line and what follows it");
  }
  const SourceLocation where = location_of(documents.front().Mark(), file);
  return Located{documents.front(), file, "", where, where};
}

std::string read_text_file(const std::filesystem::path& path) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) {
    throw IoError("cannot read " + path.string() + ": " +
                  (std::filesystem::exists(path, error) ? "not a regular file" : "no such file"));
  }
  std::ifstream stream(path, std::ios::binary);
  std::ostringstream content;
  content << stream.rdbuf();
  if (!stream) throw IoError("cannot read " + path.string());
  return content.str();
}

}  // namespace dermaflux::input
