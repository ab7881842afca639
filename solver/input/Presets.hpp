#pragma once
// Finding and loading preset files (`skin.preset: forearm` -> skins/forearm.yaml),
// searched in the case file's folder, then in project_cases_dir(). Private to
// solver/input.

#include <filesystem>
#include <string>
#include <string_view>

#include "input/YamlFields.hpp"

namespace dermaflux::input {

struct Preset {
  std::string name;  // as the case wrote it
  Located root;      // the preset file's root mapping; its `file` is the preset's path
};

// Reads the preset named by `name_at` from `<folder>/<name>.yaml`. An invalid or
// unknown name is an error at `name_at` listing the presets that exist.
Preset load_preset(const Located& name_at, std::string_view folder,
                   const std::filesystem::path& base_dir, const std::string& what_it_is);

}  // namespace dermaflux::input
