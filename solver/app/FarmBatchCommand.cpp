// `dermaflux batch` under mpirun or srun: the MPI task farm (farm/). Every rank
// reads and validates the sweep, the ranks agree to start (farm/Handshake.hpp),
// rank 0 hands out the cases one at a time and runs its share, and every rank
// leaves with the exit status rank 0 decided: the same statuses as the serial
// batch (5 when some case failed, 130 when interrupted). Rank 0 alone prints.

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <memory>

#include "app/BatchSetup.hpp"
#include "app/ExitStatus.hpp"
#include "app/ReportCommand.hpp"
#include "app/StopSignal.hpp"
#include "batch/JobThreads.hpp"
#include "core/Error.hpp"
#include "farm/Coordinator.hpp"
#include "farm/Handshake.hpp"
#include "farm/Worker.hpp"
#include "io/FolderLock.hpp"
#include "parallel/Session.hpp"
#include "parallel/SlotThreads.hpp"

namespace dermaflux::app {
namespace {

struct FarmSetup {
  std::vector<batch::BatchCase> cases;
  batch::BatchOptions options;
  std::unique_ptr<io::FolderLock> lock;  // rank 0's, for the whole farm
};

// What this rank needs to run; `threads` are the cores of its slot.
FarmSetup read_setup(const BatchArguments& arguments, int slot_cores, bool root) {
  const input::Sweep sweep = input::read_sweep(arguments.sweep_file);
  FarmSetup setup{batch_cases(sweep), batch_options(arguments, sweep), nullptr};
  setup.options.threads = arguments.threads > 0 ? arguments.threads : slot_cores;
  if (root)  // a folder nobody can write, or one in use, fails here, before any case starts
    setup.lock = std::make_unique<io::FolderLock>(setup.options.output_dir,
                                                  batch_lock_name(setup.options.shard));
  return setup;
}

// Rank 0: what stops the farm before it starts, if anything ("" and 0 otherwise).
int start_problem(const std::vector<farm::Readiness>& ranks, std::string& why) {
  for (std::size_t rank = 1; rank < ranks.size(); ++rank)
    if (ranks[rank].status != kExitSuccess) {
      why = "rank " + std::to_string(rank) + ": " + ranks[rank].error;
      return ranks[rank].status;
    }
  for (std::size_t rank = 1; rank < ranks.size(); ++rank)
    if (ranks[rank].sweep_fingerprint != ranks[0].sweep_fingerprint) {
      why = "rank " + std::to_string(rank) +
            " read a different sweep from rank 0 (other case folders): the sweep file and its "
            "base case must be the same files on every node (a shared file system) and must "
            "not change while the job starts";
      return kExitBadInput;
    }
  return kExitSuccess;
}

void print_start(const std::vector<farm::Readiness>& ranks, int jobs) {
  std::string threads;
  bool uniform = true;
  for (const auto& rank : ranks) {
    if (!threads.empty()) threads += ' ';  // appended: `"" + std::string` trips GCC 12's -Wrestrict
    threads += std::to_string(rank.threads);
    uniform = uniform && rank.threads == ranks[0].threads;
  }
  std::printf("dermaflux: batch farm: %zu ranks x %d job%s x %s OpenMP thread%s%s\n", ranks.size(),
              jobs, jobs == 1 ? "" : "s",
              uniform ? std::to_string(ranks[0].threads).c_str() : threads.c_str(),
              uniform && ranks[0].threads == 1 ? "" : "s", uniform ? "" : " (by rank)");
  std::fflush(stdout);
}

}  // namespace

int farm_batch_command(const BatchArguments& arguments) {
  parallel::Messenger& world = parallel::world();
  const bool root = world.rank() == 0;
  // Collective, so every rank calls it before anything can fail.
  const int slot_cores = parallel::slot_threads(parallel::ranks_sharing_my_cpus());

  FarmSetup setup;
  farm::Readiness mine;
  std::exception_ptr error;
  try {
    setup = read_setup(arguments, slot_cores, root);
    mine.sweep_fingerprint = farm::sweep_fingerprint(setup.cases);
    mine.threads = batch::job_layout(setup.options.jobs, setup.options.threads, 0).threads_per_job;
  } catch (...) {
    error = std::current_exception();
    mine.status = exit_status_of(error);
    mine.error = message_of(error);
  }

  const std::vector<farm::Readiness> ranks = farm::gather_readiness(world, mine);
  if (!root) {
    const int status = farm::wait_for_go(world);
    if (status != kExitSuccess) return status;  // rank 0 says why
  } else {
    std::string why;
    const int status = error ? mine.status : start_problem(ranks, why);
    farm::send_go(world, status);
    if (error) std::rethrow_exception(error);  // main() prints it, once
    if (status != kExitSuccess) {
      std::fprintf(stderr, "dermaflux: error: %s\n", why.c_str());
      return status;
    }
    print_start(ranks, setup.options.jobs);
  }

  batch::BatchOptions& options = setup.options;
  install_stop_handlers();
  options.stop_requested = stop_requested;
  if (!root) {
    farm::run_worker(world, setup.cases, options);
    return farm::wait_for_exit_status(world);
  }

  options.on_progress = batch_progress_display(arguments.quiet, true);
  int status = kExitSuccess;
  try {
    const batch::BatchOutcome outcome = farm::run_coordinator(world, setup.cases, options);
    if (options.on_progress && isatty(STDERR_FILENO) != 0) std::fprintf(stderr, "\n");
    print_batch_outcome(arguments, outcome, options.output_dir);
    if (arguments.report)
      write_report(options.output_dir, {arguments.command_line, outcome.failures});
    status = outcome.failures.empty() ? kExitSuccess : kExitSomeCasesFailed;
  } catch (...) {
    farm::send_exit_status(world, exit_status_of(std::current_exception()));
    throw;  // main() prints it
  }
  farm::send_exit_status(world, status);
  return status;
}

}  // namespace dermaflux::app
