#pragma once
// fit.state.json: where an interrupted `dermaflux fit` stands after its last
// completed iteration, written atomically after each one. A rerun of the same
// command (same fit file, base case and data: the fingerprint) starts from it.

#include <filesystem>
#include <optional>
#include <string>

#include "fit/LeastSquares.hpp"

namespace dermaflux::fit {

inline constexpr const char* kStateFile = "fit.state.json";

void write_state(const std::filesystem::path& output_dir, const std::string& fingerprint,
                 const Iterate& iterate);
// nullopt when there is none, it is unreadable, or it belongs to another fit.
std::optional<Iterate> read_state(const std::filesystem::path& output_dir,
                                  const std::string& fingerprint, std::size_t parameters);

}  // namespace dermaflux::fit
