#pragma once
// `dermaflux compare`: the same skin, needles and domain with each serum, plus an
// intact-skin run of each when the case has needles, ranked by what reaches the
// receptor. Each run goes to its own folder under the comparison's folder
// (<label>/ and <label>-intact/), exactly what `run` would write.

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "input/Case.hpp"

namespace dermaflux::run {

struct SerumChoice {
  std::string label;  // names its folder and its row: [A-Za-z0-9_.-]+
  // The case read with this serum in place of its own (input::read_case's `serum`),
  // so every layer value the case leaves out is estimated for this serum's active.
  input::Case with_serum;
};

struct ComparisonRow {
  std::string label;
  std::string active;
  double receptor_ug_cm2 = 0.0;          // at the end
  std::vector<double> per_layer_ug_cm2;  // at the end
  double delivered_ug_cm2 = 0.0;         // skin layers + receptor + cleared, at the end
  std::optional<double> steady_flux_ug_cm2_h;
  std::optional<double> lag_time_h;
  std::optional<double> intact_receptor_ug_cm2;
  std::optional<double> enhancement_ratio;           // receptor, needled / intact
  std::optional<double> delivery_enhancement_ratio;  // delivered, needled / intact
};

struct Comparison {
  std::vector<std::string> layer_names;
  std::vector<ComparisonRow> rows;       // ranked: most in the receptor first
  std::vector<std::string> run_folders;  // in plotting order: each serum, then its intact run
};

struct CompareOptions {
  std::function<void(const std::string&)> on_run_start;  // told what runs next
  // Polled by every run: a stop leaves that run checkpointed (Interrupted thrown).
  std::function<bool()> stop_requested;
  std::string resume_hint;  // the command that continues the comparison
};

// Runs `<case name>-<label>` for each choice (and its intact twin when the case has
// needles); every choice holds the same case apart from its serum and estimates.
// A run whose folder already holds it finished (the same resolved case) is kept,
// one an interrupted comparison left checkpointed is resumed: rerunning a stopped
// comparison finishes it without redoing anything.
Comparison compare_serums(const std::vector<SerumChoice>& serums,
                          const std::filesystem::path& output_dir,
                          const CompareOptions& options = {});

// comparison.csv, written atomically.
void write_comparison_csv(const Comparison& comparison, const std::filesystem::path& file);

}  // namespace dermaflux::run
