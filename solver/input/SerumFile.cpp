#include "input/SerumFile.hpp"

#include "input/CaseSections.hpp"
#include "input/YamlDocument.hpp"

namespace dermaflux::input {

Serum read_serum_file(const std::filesystem::path& file) {
  const Located root =
      load_yaml_text(read_text_file(file), file.string(),
                     "a serum: a mapping with concentration, dose and diffusivity");
  if (!root.node.IsMap()) fail(root, "a serum: a mapping with concentration, dose and diffusivity");
  // Documentation keys of preset files are checked for shape and set aside; the
  // rest must be a serum section. A new mapping of the same nodes (not a clone,
  // which loses their line and column, nor the file's own mapping, which removing
  // would change), so errors point into the file.
  Located serum{YAML::Node(YAML::NodeType::Map), root.file, root.path, root.where, root.key_where};
  for (const auto& entry : root.node) {
    const std::string key = entry.first.Scalar();
    if (key == "description" || key == "sources") {
      const SourceLocation where = location_of(entry.second.Mark(), root.file);
      check_documentation(Located{entry.second, root.file, key, where, where});
      continue;
    }
    serum.node.force_insert(entry.first, entry.second);
  }
  return read_serum(serum, file.parent_path(), true);
}

}  // namespace dermaflux::input
