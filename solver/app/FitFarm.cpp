#include "app/FitFarm.hpp"

#include <exception>
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

// The error that maps to `status` (app/ExitStatus.hpp): how a rank other than 0
// leaves with the status rank 0 sent (rank 0 prints the error; the others stay
// quiet), and how rank 0 reports another rank's error.
[[noreturn]] void throw_status(int status, const std::string& why) {
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
  if (const int status = farm::wait_for_go(world); status != kExitSuccess)
    throw_status(status, "ended by rank 0");
  farm::run_worker(world, cases, options);
  const int status = farm::wait_for_exit_status(world);
  batch::BatchOutcome outcome;
  outcome.selected = cases.size();
  if (status == kExitSomeCasesFailed)  // ModelRuns fails as on rank 0
    outcome.failures.push_back("a run of this batch failed (rank 0 says which)");
  else if (status != kExitSuccess)
    throw_status(status, "ended by rank 0");
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

void agree_to_start(const std::function<void()>& prepare) {
  parallel::Messenger& world = parallel::world();
  farm::Readiness mine;
  std::exception_ptr error;
  try {
    prepare();
  } catch (...) {
    error = std::current_exception();
    mine.status = exit_status_of(error);
    mine.error = message_of(error);
  }
  if (world.size() <= 1) {
    if (error) std::rethrow_exception(error);
    return;
  }
  const std::vector<farm::Readiness> ranks = farm::gather_readiness(world, mine);
  if (world.rank() != 0) {
    if (const int status = farm::wait_for_go(world); status != kExitSuccess)
      throw_status(status, "ended by rank 0");
    return;
  }
  std::size_t failed = 0;  // the first rank that met an error, 0 if none did
  for (std::size_t rank = ranks.size(); rank-- > 1;)
    if (ranks[rank].status != kExitSuccess) failed = rank;
  farm::send_go(world, error ? mine.status : ranks[failed].status);
  if (error) std::rethrow_exception(error);
  if (failed != 0)
    throw_status(ranks[failed].status,
                 "rank " + std::to_string(failed) + ": " + ranks[failed].error);
}

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
