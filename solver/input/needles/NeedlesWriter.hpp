#pragma once
// The resolved case's `needles:` section (CaseWriter.cpp): every key explicit, a
// device expanded, a list's needles written out as `sites:` so that the resolved case
// runs without the CSV file it came from. Private to solver/input.

#include <yaml-cpp/yaml.h>

#include "input/Case.hpp"

namespace dermaflux::input {

void write_needles(YAML::Emitter& out, const Needles& needles);

}  // namespace dermaflux::input
