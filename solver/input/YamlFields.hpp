#pragma once
// Located YAML nodes for the case reader: every value travels with the file it came
// from, its 1-based line and column and its key path, so that any check can end in
// one InputError that says exactly where the problem is. Private to solver/input.

#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/Error.hpp"
#include "input/Units.hpp"

namespace dermaflux::input {

// A YAML node and what a message about it needs.
struct Located {
  YAML::Node node;
  std::string file;          // as the user named it (a preset: the preset file)
  std::string path;          // "skin.layers[1].thickness"; empty for a file's root
  SourceLocation where;      // 1-based line and column
  SourceLocation key_where;  // of the key holding it in a mapping; else equal to `where`
};

// The 1-based position of a node (yaml-cpp counts from 0; an unknown mark gives 0).
SourceLocation location_of(const YAML::Mark& mark, const std::string& file);

// "skin" + "layers" -> "skin.layers"; "" + "name" -> "name".
std::string child_path(const std::string& parent, std::string_view key);

// How a node reads in a message: a scalar quoted ("\"-70 um\""), else "a list",
// "a mapping" or "an empty value".
std::string found_text(const YAML::Node& node);

// Throws the InputError for `at`: what was expected, what was found (by default the
// node itself) and how to fix it.
[[noreturn]] void fail(const Located& at, const std::string& expected,
                       const std::string& hint = {});
[[noreturn]] void fail_found(const Located& at, const std::string& expected,
                             const std::string& found, const std::string& hint = {});

// The accepted word closest to `word` when it is a near miss (edit distance <= 2).
std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string_view>& accepted);

// A YAML mapping whose keys are known: constructing one checks that `at` is a mapping
// (else "expected <what_it_is>"), that every key is one of `accepted` (else an error
// listing them, with a suggestion for a near miss) and that no key repeats.
class Mapping {
 public:
  Mapping(const Located& at, std::vector<std::string_view> accepted, const std::string& what_it_is);

  const Located& self() const { return self_; }
  bool has(std::string_view key) const { return find(key).has_value(); }
  std::optional<Located> find(std::string_view key) const;
  // The value of a required key; if missing, an error at the mapping naming the key.
  Located require(std::string_view key, const std::string& expected) const;

 private:
  Located self_;
  std::vector<std::pair<std::string, Located>> entries_;  // in file order
};

// The elements of a YAML list (else "expected <what_it_is>"), paths "<path>[i]".
std::vector<Located> list_elements(const Located& at, const std::string& what_it_is);

// Scalar readers; each fails with `expected` when the node does not fit.
std::string read_string(const Located& at, const std::string& expected);
double read_number(const Located& at, const std::string& expected);      // finite double
long long read_integer(const Located& at, const std::string& expected);  // digits only
bool read_bool(
    const Located& at);  // YAML booleans as yaml-cpp reads them (true/false, yes/no, on/off, y/n)

enum class Sign { Any, Positive, NonNegative };

// "a positive length such as \"15 um\"" and the like.
std::string describe_quantity(Dimension dimension, Sign sign);

// A quantity string ("15 um") in SI, checked against `sign`; `expected` replaces
// describe_quantity() in messages where more than a quantity is accepted.
double read_quantity(const Located& at, Dimension dimension, Sign sign);
double read_quantity(const Located& at, Dimension dimension, Sign sign,
                     const std::string& expected);

}  // namespace dermaflux::input
