#include "input/YamlDocument.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <vector>

#include <yaml-cpp/eventhandler.h>

#include "input/NumberText.hpp"
#include "input/TextCheck.hpp"

namespace dermaflux::input {
namespace {

// The text of 0-based line `line`, for showing what the parser choked on; a long
// line (a generated file, a deeply nested flow list) is cut to the 60 characters
// around `column`, so that the message stays one readable line.
std::string line_of(const std::string& text, int line, int column) {
  constexpr std::size_t kShown = 60;
  std::istringstream lines(text);
  std::string current;
  for (int i = 0; std::getline(lines, current); ++i) {
    if (i != line) continue;
    std::string shown(trim_blanks(current));
    if (shown.size() <= kShown) return shown;
    const std::size_t at = std::min(static_cast<std::size_t>(std::max(column, 0)), shown.size());
    const std::size_t begin =
        at > kShown / 2 ? std::min(at - kShown / 2, shown.size() - kShown) : 0;
    return (begin > 0 ? "..." : "") + shown.substr(begin, kShown) +
           (begin + kShown < shown.size() ? "..." : "");
  }
  return {};
}

// Records where documents start. Only the marks matter; every other event is ignored.
class DocumentStarts final : public YAML::EventHandler {
 public:
  std::vector<YAML::Mark> marks;
  void OnDocumentStart(const YAML::Mark& mark) override { marks.push_back(mark); }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

// The start marks of at most the first two documents. yaml-cpp 0.7's LoadAll()
// loops forever, allocating, on some malformed input such as a lone ","
// (jbeder/yaml-cpp#1040, fixed upstream in 2024 by PR #1319, after Debian 12's
// 0.7.0), so documents are counted here with a bounded number of parser calls.
std::vector<YAML::Mark> first_document_starts(const std::string& text) {
  std::istringstream stream(text);
  YAML::Parser parser(stream);
  DocumentStarts starts;
  for (int n = 0; n < 2 && parser.HandleNextDocument(starts); ++n) {
  }
  return starts.marks;
}

[[noreturn]] void syntax_error(const YAML::Exception& error, const std::string& text,
                               const std::string& file) {
  const SourceLocation where = location_of(error.mark, file);
  const std::string line = line_of(text, error.mark.line, error.mark.column);
  throw InputError(where, "", "well-formed YAML",
                   line.empty() ? "the end of the file" : "\"" + line + "\"",
                   "YAML syntax: " + error.msg);
}

}  // namespace

Located load_yaml_text(const std::string& text, const std::string& file,
                       const std::string& what_it_is) {
  require_text(text, file);
  YAML::Node root;
  std::vector<YAML::Mark> starts;
  try {
    root = YAML::Load(text);
    starts = first_document_starts(text);
  } catch (const YAML::Exception& error) {
    syntax_error(error, text, file);
  }
  // An empty or comments-only file holds no document at all; "---" alone, a null one.
  if (!root || root.IsNull()) {
    throw InputError(SourceLocation{file, 1, 1}, "", what_it_is, "an empty file");
  }
  if (starts.size() > 1) {
    throw InputError(location_of(starts[1], file), "", "a single YAML document",
                     "a second document", "remove the \"---\" line and what follows it");
  }
  const SourceLocation where = location_of(root.Mark(), file);
  return Located{root, file, "", where, where};
}

std::string read_text_file(const std::filesystem::path& path) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) {
    throw IoError("cannot read " + path.string() + ": " +
                  (std::filesystem::exists(path, error) ? "not a regular file" : "no such file"));
  }
  const auto bytes = std::filesystem::file_size(path, error);
  if (!error && bytes > kMaxInputFileBytes) {
    throw IoError("cannot read " + path.string() + ": it holds " + std::to_string(bytes >> 20) +
                  " MiB, more than the " + std::to_string(kMaxInputFileBytes >> 20) +
                  " MiB an input file may have (is it the right file?)");
  }
  std::ifstream stream(path, std::ios::binary);
  std::ostringstream content;
  content << stream.rdbuf();
  if (!stream) throw IoError("cannot read " + path.string());
  return content.str();
}

}  // namespace dermaflux::input
