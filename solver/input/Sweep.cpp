#include "input/Sweep.hpp"

#include <charconv>

#include "input/CaseSections.hpp"
#include "input/Names.hpp"
#include "input/YamlDocument.hpp"

namespace dermaflux::input {
namespace {

const std::string kSweepExpected = "a sweep: a mapping with base, vary and optionally output";
const std::string kVaryExpected =
    "the values to vary: key paths into the case (needles.length, skin.layers[1].thickness, "
    "skin.layers.dermis.thickness) each with a list of values, and optionally mode";
const std::string kModeExpected = "product or zip";

struct Varied {
  std::string key;  // as written in the sweep file
  Located at;       // the key's list
  std::vector<Located> values;
};

// "skin.layers[1].thickness" -> {"skin", "layers", "[1]", "thickness"}.
std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> parts;
  std::string current;
  for (char ch : path) {
    if (ch == '.' || ch == '[') {
      if (!current.empty()) parts.push_back(current);
      current = ch == '[' ? "[" : "";
    } else if (ch == ']') {
      parts.push_back(current + "]");
      current.clear();
    } else {
      current += ch;
    }
  }
  if (!current.empty()) parts.push_back(current);
  return parts;
}

std::optional<std::size_t> index_part(const std::string& part) {
  if (part.size() < 3 || part.front() != '[' || part.back() != ']') return std::nullopt;
  std::size_t index = 0;
  const auto result = std::from_chars(part.data() + 1, part.data() + part.size() - 1, index);
  if (result.ec != std::errc() || result.ptr != part.data() + part.size() - 1) return std::nullopt;
  return index;
}

}  // namespace

std::string set_key_path(YAML::Node root, const std::string& key, const Located& at,
                         const YAML::Node& value) {
  const Varied varied{key, at, {}};
  const auto parts = split_path(varied.key);
  if (parts.empty() || parts.front().front() == '[')
    fail_found(varied.at, "a key path such as needles.length", "\"" + varied.key + "\"");
  YAML::Node node = root;
  std::string canonical;
  for (std::size_t n = 0; n < parts.size(); ++n) {
    const std::string& part = parts[n];
    const bool last = n + 1 == parts.size();
    YAML::Node next;
    if (const auto index = index_part(part)) {
      if (!node.IsSequence() || *index >= node.size())
        fail_found(varied.at, "a key path to an existing list element",
                   "\"" + varied.key + "\" (" + canonical + " has " +
                       (node.IsSequence() ? std::to_string(node.size()) + " elements" : "no list") +
                       ")");
      canonical += part;
      next = node[*index];
    } else if (node.IsSequence()) {
      // A list element by name: skin.layers.dermis.thickness.
      std::optional<std::size_t> found;
      for (std::size_t i = 0; i < node.size(); ++i)
        if (node[i].IsMap() && node[i]["name"] && node[i]["name"].Scalar() == part) found = i;
      if (!found)
        fail_found(
            varied.at, "a key path whose element names exist in the base case",
            "\"" + varied.key + "\" (no element of " + canonical + " is named " + part + ")");
      canonical += "[" + std::to_string(*found) + "]";
      next = node[*found];
    } else {
      if (!node.IsMap() && !node.IsNull())
        fail_found(varied.at, "a key path through mappings",
                   "\"" + varied.key + "\" (" + canonical + " is a single value)");
      canonical += (canonical.empty() ? "" : ".") + part;
      if (last) {
        node[part] = value;
        return canonical;
      }
      if (!node[part]) node[part] = YAML::Node(YAML::NodeType::Map);
      next = node[part];
    }
    if (last) {
      next = value;  // replaces the list element's content
      return canonical;
    }
    node.reset(next);
  }
  return canonical;
}

namespace {

std::string as_text(const YAML::Node& node) {
  if (node.IsScalar()) return node.Scalar();
  YAML::Emitter out;
  out << YAML::Flow << node;
  return out.c_str();
}

// The combinations: indices into each key's values.
std::vector<std::vector<std::size_t>> combinations(const std::vector<Varied>& varied, bool zip,
                                                   const Located& vary) {
  std::vector<std::vector<std::size_t>> result;
  if (zip) {
    for (const auto& v : varied)
      if (v.values.size() != varied.front().values.size())
        fail_found(v.at,
                   "as many values as " + varied.front().key + " (" +
                       std::to_string(varied.front().values.size()) + ") with mode: zip",
                   std::to_string(v.values.size()) + " values");
    for (std::size_t n = 0; n < varied.front().values.size(); ++n)
      result.emplace_back(varied.size(), n);
    return result;
  }
  std::size_t total = 1;
  for (const auto& v : varied) {
    total *= v.values.size();
    if (total > kMaxSweepCases)
      fail_found(vary, "at most " + std::to_string(kMaxSweepCases) + " cases", "more");
  }
  std::vector<std::size_t> counter(varied.size(), 0);
  for (std::size_t n = 0; n < total; ++n) {
    result.push_back(counter);
    for (std::size_t k = varied.size(); k-- > 0;) {  // the last key varies fastest
      if (++counter[k] < varied[k].values.size()) break;
      counter[k] = 0;
    }
  }
  return result;
}

}  // namespace

Sweep read_sweep(const std::filesystem::path& sweep_file) {
  const Located root =
      load_yaml_text(read_text_file(sweep_file), sweep_file.string(), kSweepExpected);
  const Mapping top(root, {"base", "vary", "output"}, kSweepExpected);
  const std::filesystem::path sweep_dir = sweep_file.parent_path();

  Sweep sweep;
  const Located base_at = top.require("base", "the base case file, such as caffeine_square.yaml");
  sweep.base_file =
      sweep_dir / read_string(base_at, "the base case file, such as caffeine_square.yaml");
  if (const auto output = top.find("output")) {
    const std::string dir = read_string(*output, "an output folder such as results/sweep1");
    if (dir.empty()) fail(*output, "an output folder such as results/sweep1");
    sweep.output_dir = dir;
  } else {
    sweep.output_dir = std::filesystem::path("results") / sweep_file.stem();
  }

  // vary: arbitrary key paths, so its keys are checked here rather than by Mapping.
  const Located vary = top.require("vary", kVaryExpected);
  if (!vary.node.IsMap() || vary.node.size() == 0) fail(vary, kVaryExpected);
  bool zip = false;
  std::vector<Varied> varied;
  for (auto it = vary.node.begin(); it != vary.node.end(); ++it) {
    const YAML::Node key_node = it->first;
    const YAML::Node value_node = it->second;
    const std::string key = key_node.Scalar();
    const SourceLocation where = location_of(value_node.Mark(), vary.file);
    const Located at{value_node, vary.file, child_path("vary", key), where,
                     location_of(key_node.Mark(), vary.file)};
    if (key == "mode") {
      const std::string mode = read_string(at, kModeExpected);
      if (mode != "product" && mode != "zip") fail(at, kModeExpected);
      zip = mode == "zip";
      continue;
    }
    for (const auto& v : varied)
      if (v.key == key) fail_found(at, "each key path once", "\"" + key + "\" twice");
    auto values = list_elements(at, "a non-empty list of values for " + key);
    if (values.empty()) fail(at, "a non-empty list of values for " + key);
    varied.push_back({key, at, std::move(values)});
    sweep.keys.push_back(key);
  }
  if (varied.empty()) fail(vary, kVaryExpected);

  const std::string base_text = read_text_file(sweep.base_file);
  const Located base = load_yaml_text(base_text, sweep.base_file.string(),
                                      "a case: a mapping with name, skin, serum and time");
  const auto table = combinations(varied, zip, vary);
  for (std::size_t n = 0; n < table.size(); ++n) {
    // A fresh Located: assigning to a copied YAML::Node would rewrite the node it
    // shares with `base` (yaml-cpp's assignment writes through references).
    const Located tree{YAML::Clone(base.node), base.file, base.path, base.where, base.key_where};
    SweepCase item;
    item.index = n;
    std::vector<std::string> canonical;
    for (std::size_t k = 0; k < varied.size(); ++k) {
      const Located& value = varied[k].values[table[n][k]];
      // A clone: assigning the sweep's own node would merge the sweep document's
      // node memory into this case's, and through it every earlier case's, which
      // made reading a sweep quadratic in its cases (8.5 s for 1000).
      canonical.push_back(
          set_key_path(tree.node, varied[k].key, varied[k].at, YAML::Clone(value.node)));
      item.varied.emplace_back(varied[k].key, as_text(value.node));
    }
    try {
      item.resolved = read_case_root(tree, sweep.base_file.parent_path());
    } catch (const InputError& error) {
      // Blame the sweep value when the problem is in a value it set.
      for (std::size_t k = 0; k < varied.size(); ++k) {
        const std::string& path = canonical[k];
        const std::string& found = error.key_path();
        if (found == path || found.rfind(path + ".", 0) == 0 || found.rfind(path + "[", 0) == 0) {
          const Located& value = varied[k].values[table[n][k]];
          throw InputError(
              value.where, value.path, error.expected(), error.found(),
              "in case " + std::to_string(n) + " of the sweep, at " + error.key_path());
        }
      }
      throw;
    }
    sweep.cases.push_back(std::move(item));
  }
  return sweep;
}

}  // namespace dermaflux::input
