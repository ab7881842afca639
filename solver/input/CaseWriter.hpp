#pragma once
// Writing a Case back as YAML (`case.resolved.yaml`, `dermaflux check`): every
// key explicit, presets expanded, quantities in SI with round-trip digits so that
// running the file reproduces the run bit for bit, each followed by a comment in
// the units people read ("thickness: 1.5e-05 m  # 15 um").

#include <string>

#include "input/Case.hpp"

namespace dermaflux::input {

std::string write_case_yaml(const Case& resolved);

}  // namespace dermaflux::input
