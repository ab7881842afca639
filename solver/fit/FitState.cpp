#include "fit/FitState.hpp"

#include <fstream>
#include <nlohmann/json.hpp>

#include "io/AtomicFile.hpp"

namespace dermaflux::fit {

void write_state(const std::filesystem::path& output_dir, const std::string& fingerprint,
                 const Iterate& iterate) {
  nlohmann::ordered_json state;
  state["fingerprint"] = fingerprint;
  state["z"] = std::vector<double>(iterate.z.data(), iterate.z.data() + iterate.z.size());
  state["iterations"] = iterate.iterations;
  state["runs"] = iterate.runs;
  state["objective"] = iterate.objective;
  io::write_file_atomically(output_dir / kStateFile, state.dump(2) + "\n");
}

std::optional<Iterate> read_state(const std::filesystem::path& output_dir,
                                  const std::string& fingerprint, std::size_t parameters) {
  std::ifstream in(output_dir / kStateFile);
  if (!in) return std::nullopt;
  try {
    const auto state = nlohmann::json::parse(in);
    if (state.at("fingerprint").get<std::string>() != fingerprint) return std::nullopt;
    const auto z = state.at("z").get<std::vector<double>>();
    if (z.size() != parameters) return std::nullopt;
    Iterate iterate;
    iterate.z = Eigen::Map<const Eigen::VectorXd>(z.data(), static_cast<Eigen::Index>(z.size()));
    iterate.iterations = state.at("iterations").get<int>();
    iterate.runs = state.at("runs").get<long>();
    iterate.objective = state.at("objective").get<double>();
    return iterate;
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

}  // namespace dermaflux::fit
