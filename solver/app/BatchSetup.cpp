#include "app/BatchSetup.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>

#include "core/Error.hpp"
#include "input/CaseWriter.hpp"
#include "io/FolderLock.hpp"
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

void print_progress(const batch::BatchProgress& p, const char* start, const char* end) {
  std::fprintf(stderr, "%sbatch: %zu/%zu done, %zu failed, %zu skipped", start, p.done + p.skipped,
               p.total, p.failed, p.skipped);
  if (p.seconds_left > 0.0) std::fprintf(stderr, ", about %.0f s left", p.seconds_left);
  std::fprintf(stderr, "%s", end);
  std::fflush(stderr);
}

}  // namespace

std::vector<batch::BatchCase> batch_cases(const input::Sweep& sweep) {
  std::vector<batch::BatchCase> cases;
  for (const auto& item : sweep.cases)
    cases.push_back({item.index, folder_name(item.index, sweep.cases.size(), item.resolved),
                     item.varied, item.resolved});
  return cases;
}

batch::BatchOptions batch_options(const BatchArguments& arguments, const input::Sweep& sweep) {
  batch::BatchOptions options;
  options.output_dir = arguments.output_dir.empty() ? sweep.output_dir : arguments.output_dir;
  options.jobs = arguments.jobs;
  options.threads = arguments.threads;
  if (!arguments.shard.empty()) options.shard = parse_shard(arguments.shard);
  options.on_notice = [](const std::string& notice) {
    std::fprintf(stderr, "dermaflux: batch: %s\n", notice.c_str());
  };
  return options;
}

std::string batch_lock_name(const batch::Shard& shard) {
  // Shards of one sweep share its folder by design (each its own cases).
  if (shard.count == 1) return io::kLockFile;
  return ".dermaflux.shard-" + std::to_string(shard.index) + "-of-" + std::to_string(shard.count) +
         ".lock";
}

std::function<void(const batch::BatchProgress&)> batch_progress_display(bool quiet,
                                                                        bool log_lines) {
  if (quiet) return {};
  if (isatty(STDERR_FILENO) != 0)
    return [](const batch::BatchProgress& p) { print_progress(p, "\r", "   "); };
  if (!log_lines) return {};
  using Clock = std::chrono::steady_clock;
  auto last = std::make_shared<Clock::time_point>(Clock::now() - std::chrono::hours(1));
  return [last](const batch::BatchProgress& p) {
    const bool all_ended = p.done + p.failed + p.skipped >= p.total;
    if (!all_ended && Clock::now() - *last < std::chrono::seconds(10)) return;
    *last = Clock::now();
    print_progress(p, "dermaflux: ", "\n");
  };
}

void print_batch_outcome(const BatchArguments& arguments, const batch::BatchOutcome& outcome,
                         const std::filesystem::path& output_dir) {
  std::printf(
      "dermaflux: batch %s: %zu cases selected, %zu run, %zu already finished, %zu failed\n",
      arguments.sweep_file.string().c_str(), outcome.selected, outcome.finished, outcome.skipped,
      outcome.failures.size());
  for (const auto& failure : outcome.failures)
    std::fprintf(stderr, "dermaflux: failed: %s\n", failure.c_str());
  std::printf("results:  %s (batch.csv)\n", output_dir.string().c_str());
}

}  // namespace dermaflux::app
