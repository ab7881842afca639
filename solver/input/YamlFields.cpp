#include "input/YamlFields.hpp"

#include <algorithm>
#include <numeric>

#include "input/NumberText.hpp"

namespace dermaflux::input {
namespace {

std::string join(const std::vector<std::string_view>& words) {
  std::string text;
  for (const std::string_view word : words) {
    if (!text.empty()) text += ", ";
    text += word;
  }
  return text;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// yaml-cpp gives an empty value (`thickness:`) the mark of the next token, often on the
// next line; its key is where the user should look.
Located entry(const Located& mapping, const YAML::Node& key, const YAML::Node& value) {
  const YAML::Mark mark = value.IsNull() ? key.Mark() : value.Mark();
  return Located{value, mapping.file, child_path(mapping.path, key.Scalar()),
                 location_of(mark, mapping.file), location_of(key.Mark(), mapping.file)};
}

}  // namespace

SourceLocation location_of(const YAML::Mark& mark, const std::string& file) {
  if (mark.line < 0 || mark.column < 0) return SourceLocation{file, 0, 0};
  return SourceLocation{file, mark.line + 1, mark.column + 1};
}

std::string child_path(const std::string& parent, std::string_view key) {
  return parent.empty() ? std::string(key) : parent + "." + std::string(key);
}

std::string found_text(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Scalar: {
      constexpr std::size_t kMaxShown = 80;
      std::string text = node.Scalar();
      if (text.size() > kMaxShown) text = text.substr(0, kMaxShown) + "...";
      return "\"" + text + "\"";
    }
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Map:
      return "a mapping";
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      break;
  }
  return "an empty value";
}

void fail(const Located& at, const std::string& expected, const std::string& hint) {
  fail_found(at, expected, found_text(at.node), hint);
}

void fail_found(const Located& at, const std::string& expected, const std::string& found,
                const std::string& hint) {
  throw InputError(at.where, at.path, expected, found, hint);
}

std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string_view>& accepted) {
  constexpr std::size_t kNearMiss = 2;
  std::optional<std::string> best;
  std::size_t best_distance = kNearMiss + 1;
  for (const std::string_view candidate : accepted) {
    const std::size_t distance = edit_distance(word, candidate);
    if (distance < best_distance) {
      best_distance = distance;
      best = std::string(candidate);
    }
  }
  return best;
}

Mapping::Mapping(const Located& at, std::vector<std::string_view> accepted,
                 const std::string& what_it_is)
    : self_(at) {
  if (!at.node.IsMap()) fail(at, what_it_is);
  for (const auto& key_value : at.node) {
    // Copies: yaml-cpp iterators hand out pairs by value, and Nodes are cheap handles.
    const YAML::Node key = key_value.first;
    const YAML::Node value = key_value.second;
    const SourceLocation key_where = location_of(key.Mark(), at.file);
    Located key_at{key, at.file, at.path, key_where, key_where};
    if (!key.IsScalar()) fail(key_at, "a key name (one of " + join(accepted) + ")");
    key_at.path = child_path(at.path, key.Scalar());
    const std::string& name = key.Scalar();
    if (std::find(accepted.begin(), accepted.end(), name) == accepted.end()) {
      const std::optional<std::string> suggestion = closest_match(name, accepted);
      fail(key_at, "one of the keys " + join(accepted),
           suggestion ? "did you mean \"" + *suggestion + "\"?" : "remove it or fix its spelling");
    }
    // yaml-cpp keeps a repeated key as a second entry (lookups see only the first), so
    // repeats are found here, by walking the entries.
    for (const auto& [seen_name, seen_at] : entries_) {
      if (seen_name == name) {
        fail_found(
            key_at, "each key at most once", "\"" + name + "\" a second time",
            "first on line " + std::to_string(seen_at.key_where.line) + "; remove one of them");
      }
    }
    entries_.emplace_back(name, entry(at, key, value));
  }
}

std::optional<Located> Mapping::find(std::string_view key) const {
  for (const auto& [name, value] : entries_) {
    if (name == key) return value;
  }
  return std::nullopt;
}

Located Mapping::require(std::string_view key, const std::string& expected) const {
  if (std::optional<Located> value = find(key)) return *std::move(value);
  Located missing = self_;
  missing.path = child_path(self_.path, key);
  fail_found(missing, expected, "no \"" + std::string(key) + "\" key",
             "add \"" + std::string(key) + ":\" here");
}

std::vector<Located> list_elements(const Located& at, const std::string& what_it_is) {
  if (!at.node.IsSequence()) fail(at, what_it_is);
  std::vector<Located> elements;
  for (std::size_t i = 0; i < at.node.size(); ++i) {
    const YAML::Node element = at.node[i];
    // An empty element ("- ") carries the next token's mark; the list's is closer.
    const YAML::Mark mark = element.IsNull() ? at.node.Mark() : element.Mark();
    const SourceLocation where = location_of(mark, at.file);
    elements.push_back(
        Located{element, at.file, at.path + "[" + std::to_string(i) + "]", where, where});
  }
  return elements;
}

std::string read_string(const Located& at, const std::string& expected) {
  if (!at.node.IsScalar()) fail(at, expected);
  return at.node.Scalar();
}

double read_number(const Located& at, const std::string& expected) {
  if (!at.node.IsScalar()) fail(at, expected);
  const std::optional<double> value = parse_finite_number(at.node.Scalar());
  if (!value) {
    if (names_non_finite(at.node.Scalar())) fail(at, expected, "not a finite number");
    if (read_number_prefix(trim_blanks(at.node.Scalar())).out_of_range) {
      fail(at, expected, "too large or too small for a double");
    }
    fail(at, expected, "a plain number, without a unit");
  }
  return *value;
}

long long read_integer(const Located& at, const std::string& expected) {
  if (!at.node.IsScalar()) fail(at, expected);
  const std::optional<long long> value = parse_integer(at.node.Scalar());
  if (!value) fail(at, expected, "a whole number written with digits only");
  return *value;
}

bool read_bool(const Located& at) {
  bool value = false;
  if (!YAML::convert<bool>::decode(at.node, value)) fail(at, "true or false");
  return value;
}

std::string describe_quantity(Dimension dimension, Sign sign) {
  std::string plain = describe(dimension);  // "a length such as \"15 um\""
  const std::size_t article = plain.find(' ') + 1;
  switch (sign) {
    case Sign::Any:
      return plain;
    case Sign::Positive:
      return "a positive " + plain.substr(article);
    case Sign::NonNegative:
      return "a non-negative " + plain.substr(article);
  }
  return plain;
}

double read_quantity(const Located& at, Dimension dimension, Sign sign) {
  return read_quantity(at, dimension, sign, describe_quantity(dimension, sign));
}

double read_quantity(const Located& at, Dimension dimension, Sign sign,
                     const std::string& expected) {
  if (!at.node.IsScalar()) fail(at, expected);
  double value = 0.0;
  try {
    value = parse_quantity(at.node.Scalar(), dimension);
  } catch (const UnitError& error) {
    fail(at, expected, error.what());
  }
  if (sign == Sign::Positive && !(value > 0.0)) fail(at, expected, "must be greater than 0");
  if (sign == Sign::NonNegative && !(value >= 0.0)) fail(at, expected, "must not be negative");
  return value;
}

}  // namespace dermaflux::input
