#include <unistd.h>

#include <cstdio>

#include "app/Commands.hpp"
#include "app/StopSignal.hpp"
#include "batch/BatchRunner.hpp"
#include "core/Error.hpp"
#include "input/CaseWriter.hpp"
#include "input/Sweep.hpp"
#include "run/Checkpoint.hpp"

namespace dermaflux::app {
namespace {

// "<index>-<hash>": zero-padded so folders sort in sweep order; the hash is the
// resolved case's fingerprint, so a changed base case never reuses old results.
std::string folder_name(std::size_t index, std::size_t total, const input::Case& resolved) {
  const int width = static_cast<int>(std::to_string(total > 0 ? total - 1 : 0).size());
  char digits[32];
  std::snprintf(digits, sizeof digits, "%0*zu", std::max(4, width), index);
  return std::string(digits) + "-" +
         run::fingerprint(input::write_case_yaml(resolved)).substr(0, 8);
}

batch::Shard parse_shard(const std::string& text) {
  int index = 0, count = 0;
  char slash = 0;
  if (std::sscanf(text.c_str(), "%d%c%d", &index, &slash, &count) != 3 || slash != '/' ||
      count < 1 || index < 1 || index > count)
    throw UsageError("--shard expects I/N with 1 <= I <= N, such as 2/8; found \"" + text + "\"");
  return {index, count};
}

}  // namespace

int batch_command(const BatchArguments& arguments) {
  const input::Sweep sweep = input::read_sweep(arguments.sweep_file);
  std::vector<batch::BatchCase> cases;
  for (const auto& item : sweep.cases)
    cases.push_back({item.index, folder_name(item.index, sweep.cases.size(), item.resolved),
                     item.varied, item.resolved});

  batch::BatchOptions options;
  options.output_dir = arguments.output_dir.empty() ? sweep.output_dir : arguments.output_dir;
  options.jobs = arguments.jobs;
  options.threads = arguments.threads;
  if (!arguments.shard.empty()) options.shard = parse_shard(arguments.shard);
  install_stop_handlers();
  options.stop_requested = stop_requested;
  const bool show = !arguments.quiet && isatty(STDERR_FILENO) != 0;
  options.on_progress = [&](const batch::BatchProgress& p) {
    if (!show) return;
    std::fprintf(stderr, "\rbatch: %zu/%zu done, %zu failed, %zu skipped", p.done + p.skipped,
                 p.total, p.failed, p.skipped);
    if (p.seconds_left > 0.0) std::fprintf(stderr, ", about %.0f s left", p.seconds_left);
    std::fprintf(stderr, "   ");
    std::fflush(stderr);
  };

  const batch::BatchOutcome outcome = batch::run_batch(cases, options);
  if (show) std::fprintf(stderr, "\n");
  std::printf(
      "dermaflux: batch %s: %zu cases selected, %zu run, %zu already finished, %zu failed\n",
      arguments.sweep_file.string().c_str(), outcome.selected, outcome.finished, outcome.skipped,
      outcome.failures.size());
  for (const auto& failure : outcome.failures)
    std::fprintf(stderr, "dermaflux: failed: %s\n", failure.c_str());
  std::printf("results:  %s (batch.csv)\n", options.output_dir.string().c_str());
  return outcome.failures.empty() ? 0 : 5;
}

}  // namespace dermaflux::app
