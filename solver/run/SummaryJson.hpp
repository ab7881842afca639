#pragma once
// summary.json (CASE_FORMAT.md): the figures of a finished run.

#include <string>

#include "input/Case.hpp"
#include "run/Simulation.hpp"

namespace dermaflux::run {

std::string summary_json(const input::Case& c, const RunSummary& summary);

}  // namespace dermaflux::run
