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
  // rest must be a serum section.
  // A fresh Located around a clone: assigning to a copied YAML::Node would write
  // through to the node it shares.
  Located serum{YAML::Clone(root.node), root.file, root.path, root.where, root.key_where};
  for (const char* key : {"description", "sources"}) {
    if (!root.node[key]) continue;
    const SourceLocation where = location_of(root.node[key].Mark(), root.file);
    check_documentation(Located{root.node[key], root.file, key, where, where});
    serum.node.remove(key);
  }
  return read_serum(serum, file.parent_path(), true);
}

}  // namespace dermaflux::input
