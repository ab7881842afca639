#include "batch/CaseRun.hpp"

#include "core/Error.hpp"
#include "io/FolderLock.hpp"
#include "run/Simulation.hpp"

namespace dermaflux::batch {
namespace {

namespace fs = std::filesystem;

// Runs one case; resumes it when an earlier, interrupted batch left a checkpoint.
void run_in_folder(const BatchCase& item, const BatchOptions& options) {
  run::RunOptions run_options;
  run_options.output_dir = options.output_dir / item.folder;
  // One process per case folder (another batch of the same sweep, a shard given
  // twice): the second one's case fails at once, naming the holder.
  const io::FolderLock lock(run_options.output_dir);
  run_options.stop_requested = options.stop_requested;
  run_options.overwrite = true;  // the folder name carries the case's fingerprint
  run_options.resume = fs::exists(run_options.output_dir / "checkpoint.bin");
  try {
    run::run_case(item.resolved, run_options);
  } catch (const UsageError&) {
    if (!run_options.resume) throw;
    run_options.resume = false;  // an unusable checkpoint: start the case anew
    run::run_case(item.resolved, run_options);
  }
}

}  // namespace

CaseReport run_one(const BatchCase& item, const BatchOptions& options) {
  try {
    run_in_folder(item, options);
    return {CaseEnd::finished, {}};
  } catch (const Interrupted&) {
    return {CaseEnd::interrupted, {}};
  } catch (const std::exception& e) {
    return {CaseEnd::failed, item.folder + ": " + e.what()};
  }
}

}  // namespace dermaflux::batch
