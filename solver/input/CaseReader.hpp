#pragma once
// Reading a case file: YAML -> validated Case. Every problem ends in one
// InputError naming file, line, column, key path, what was expected and found.

#include <filesystem>
#include <optional>
#include <string>

#include "input/Case.hpp"

namespace dermaflux::input {

// Folders searched, in order, for presets named in a case (`skin.preset: forearm`
// -> skins/forearm.yaml): the case file's own folder, then the project's cases/
// folder (DERMAFLUX_CASES environment variable, else the compiled-in source path).
std::filesystem::path project_cases_dir();

// Reads and validates a case file. With `serum`, the case reads as if that serum
// were written in its `serum:` section (which is still checked): every layer value
// the case leaves out is estimated from this serum's molecular weight and log P, and a
// serum without a regimen of its own runs on the case's (application times, wipe-offs,
// occlusion, vehicle, area), as `dermaflux compare` needs for each of its serums.
Case read_case(const std::filesystem::path& case_file, const std::optional<Serum>& serum = {});

// The same from text already in memory; `file_label` names it in messages and
// `base_dir` is where relative preset paths resolve first.
Case read_case_text(const std::string& yaml_text, const std::string& file_label,
                    const std::filesystem::path& base_dir, const std::optional<Serum>& serum = {});

}  // namespace dermaflux::input
