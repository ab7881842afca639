#include "input/Presets.hpp"

#include <algorithm>
#include <set>
#include <system_error>
#include <vector>

#include "input/CaseReader.hpp"
#include "input/Names.hpp"
#include "input/YamlDocument.hpp"

namespace dermaflux::input {
namespace {

std::vector<std::filesystem::path> search_folders(std::string_view folder,
                                                  const std::filesystem::path& base_dir) {
  std::vector<std::filesystem::path> folders{base_dir / folder};
  const std::filesystem::path project = project_cases_dir() / folder;
  std::error_code error;
  if (!std::filesystem::equivalent(folders.front(), project, error)) folders.push_back(project);
  return folders;
}

std::set<std::string> presets_in(const std::vector<std::filesystem::path>& folders) {
  std::set<std::string> names;
  for (const std::filesystem::path& folder : folders) {
    std::error_code error;
    for (auto it = std::filesystem::directory_iterator(folder, error);
         !error && it != std::filesystem::directory_iterator(); it.increment(error)) {
      if (it->path().extension() == ".yaml") names.insert(it->path().stem().string());
    }
  }
  return names;
}

[[noreturn]] void fail_unknown(const Located& name_at, const std::string& name,
                               std::string_view folder,
                               const std::vector<std::filesystem::path>& folders) {
  const std::set<std::string> available = presets_in(folders);
  std::string listed;
  std::vector<std::string_view> candidates;
  for (const std::string& preset : available) {
    listed += (listed.empty() ? "" : ", ") + preset;
    candidates.push_back(preset);
  }
  std::string searched;
  for (const std::filesystem::path& path : folders) {
    searched += (searched.empty() ? "" : " and ") + path.string();
  }
  std::string hint = "searched " + searched;
  if (const auto suggestion = closest_match(name, candidates)) {
    hint = "did you mean \"" + *suggestion + "\"? " + hint;
  }
  fail(name_at,
       "the name of a preset in " + std::string(folder) + "/ (" +
           (listed.empty() ? std::string("none found") : "one of: " + listed) + ")",
       hint);
}

}  // namespace

Preset load_preset(const Located& name_at, std::string_view folder,
                   const std::filesystem::path& base_dir, const std::string& what_it_is) {
  const std::string expected_name = "a preset name made of letters, digits, _ . -";
  const std::string name = read_string(name_at, expected_name);
  if (!is_file_name(name)) fail(name_at, expected_name);

  const std::vector<std::filesystem::path> folders = search_folders(folder, base_dir);
  for (const std::filesystem::path& candidate_folder : folders) {
    const std::filesystem::path file = candidate_folder / (name + ".yaml");
    std::error_code error;
    if (std::filesystem::is_regular_file(file, error)) {
      return Preset{name, load_yaml_text(read_text_file(file), file.string(), what_it_is)};
    }
  }
  fail_unknown(name_at, name, folder, folders);
}

}  // namespace dermaflux::input
