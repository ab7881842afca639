#include "app/FitFarm.hpp"

#include <stdexcept>
#include <string>

#include "app/ExitStatus.hpp"
#include "batch/JobThreads.hpp"
#include "core/Error.hpp"
#include "farm/Coordinator.hpp"
#include "farm/Handshake.hpp"
#include "farm/Worker.hpp"
#include "parallel/Session.hpp"
#include "parallel/SlotThreads.hpp"

namespace dermaflux::app {
namespace {

// A rank other than 0 leaves a round with the status rank 0 sent, as the error
// that maps to it (rank 0 prints the error itself; the others stay quiet).
[[noreturn]] void throw_status(int status) {
  const std::string why = "ended by rank 0 with status " + std::to_string(status);
  switch (status) {
    case kExitInterrupted:
      throw Interrupted(why);
    case kExitBadInput:
      throw UsageError(why);
    case kExitNumericalFailure:
      throw NumericalError(why);
    case kExitFileError:
      throw IoError(why);
    default:
      throw std::runtime_error(why);
  }
}

batch::BatchOutcome worker_round(parallel::Messenger& world,
                                 const std::vector<batch::BatchCase>& cases,
                                 const batch::BatchOptions& options) {
  if (const int status = farm::wait_for_go(world); status != kExitSuccess) throw_status(status);
  farm::run_worker(world, cases, options);
  const int status = farm::wait_for_exit_status(world);
  batch::BatchOutcome outcome;
  outcome.selected = cases.size();
  if (status == kExitSomeCasesFailed)  // ModelRuns fails as on rank 0
    outcome.failures.push_back("a run of this batch failed (rank 0 says which)");
  else if (status != kExitSuccess)
    throw_status(status);
  return outcome;
}

batch::BatchOutcome coordinator_round(parallel::Messenger& world,
                                      const std::vector<farm::Readiness>& ranks,
                                      const std::vector<batch::BatchCase>& cases,
                                      const batch::BatchOptions& options) {
  for (std::size_t rank = 1; rank < ranks.size(); ++rank)
    if (ranks[rank].sweep_fingerprint != ranks[0].sweep_fingerprint) {
      farm::send_go(world, kExitInternalError);
      throw std::logic_error("fit farm: rank " + std::to_string(rank) +
                             " reached other runs than rank 0 (the ranks' optimisers diverged)");
    }
  farm::send_go(world, kExitSuccess);
  batch::BatchOutcome outcome;
  try {
    outcome = farm::run_coordinator(world, cases, options);
  } catch (...) {
    farm::send_exit_status(world, exit_status_of(std::current_exception()));
    throw;
  }
  farm::send_exit_status(world, outcome.failures.empty() ? kExitSuccess : kExitSomeCasesFailed);
  return outcome;
}

// One batch over every rank: collective, every rank calls it with the same cases.
batch::BatchOutcome farm_round(parallel::Messenger& world,
                               const std::vector<batch::BatchCase>& cases,
                               const batch::BatchOptions& options) {
  farm::Readiness mine;
  mine.sweep_fingerprint = farm::sweep_fingerprint(cases);
  mine.threads = batch::job_layout(options.jobs, options.threads, 0).threads_per_job;
  const std::vector<farm::Readiness> ranks = farm::gather_readiness(world, mine);
  return world.rank() == 0 ? coordinator_round(world, ranks, cases, options)
                           : worker_round(world, cases, options);
}

}  // namespace

void farm_fit_batches(fit::FitOptions& options, int threads_asked) {
  parallel::Messenger& world = parallel::world();
  if (world.size() <= 1) return;
  const int slot_cores = parallel::slot_threads(parallel::ranks_sharing_my_cpus());
  options.threads = threads_asked > 0 ? threads_asked : slot_cores;
  options.follower = world.rank() != 0;
  options.run_batch = [&world](const std::vector<batch::BatchCase>& cases,
                               const batch::BatchOptions& batch_options) {
    return farm_round(world, cases, batch_options);
  };
}

}  // namespace dermaflux::app
