#pragma once
// Sweep files for `dermaflux batch` (CASE_FORMAT.md, "Sweeps"):
//
//   base: caffeine_square.yaml        # a case file; relative to the sweep file
//   vary:
//     mode: product                   # product (default) | zip
//     needles.length: [250 um, 500 um, 1000 um]
//     skin.layers.dermis.thickness: [800 um, 1200 um]   # a layer by name ...
//     skin.layers[0].diffusivity: [6e-11 cm^2/s, 1e-10 cm^2/s]  # ... or by index
//   output: results/sweep1            # default results/<sweep file name>
//
// Every combination (product: the last key varies fastest; zip: element-wise,
// lists of equal length) is set into the base case's YAML and validated like a
// case file before anything runs.

#include <cstddef>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "input/Case.hpp"
#include "input/YamlFields.hpp"

namespace dermaflux::input {

struct SweepCase {
  std::size_t index = 0;
  std::vector<std::pair<std::string, std::string>> varied;  // key path -> value as written
  Case resolved;
};

struct Sweep {
  std::filesystem::path base_file;
  std::filesystem::path output_dir;
  std::vector<std::string> keys;  // the varied key paths, in file order
  std::vector<SweepCase> cases;
};

// At most this many cases in one sweep.
inline constexpr std::size_t kMaxSweepCases = 1'000'000;

// Reads a sweep file and validates every case; throws InputError located in the
// sweep file (a bad key path or value) or in the base case.
Sweep read_sweep(const std::filesystem::path& sweep_file);

// Sets `value` at the key path `key` ("skin.layers[1].thickness", a list element
// by index or by name: skin.layers.dermis.thickness) in `root`, a fresh clone of a
// base case's tree; a key path that does not fit the tree fails located at `at`.
// Returns the canonical path (list elements by index), which is how the case reader
// names it. `dermaflux batch` and `dermaflux fit` both set their keys with it.
std::string set_key_path(YAML::Node root, const std::string& key, const Located& at,
                         const YAML::Node& value);

}  // namespace dermaflux::input
