// `dermaflux batch`: the serial driver (job threads in one process), or the MPI
// task farm when a launcher started MPI (FarmBatchCommand.cpp).

#include <cstdio>

#include "app/BatchSetup.hpp"
#include "app/Commands.hpp"
#include "app/ExitStatus.hpp"
#include "app/ReportCommand.hpp"
#include "app/StopSignal.hpp"
#include "batch/BatchRunner.hpp"
#include "input/Sweep.hpp"
#include "io/FolderLock.hpp"
#include "parallel/Session.hpp"

namespace dermaflux::app {

int batch_command(const BatchArguments& arguments) {
  if (parallel::mpi_started()) return farm_batch_command(arguments);

  const input::Sweep sweep = input::read_sweep(arguments.sweep_file);
  const std::vector<batch::BatchCase> cases = batch_cases(sweep);
  batch::BatchOptions options = batch_options(arguments, sweep);
  const io::FolderLock lock(options.output_dir, batch_lock_name(options.shard));
  install_stop_handlers();
  options.stop_requested = stop_requested;
  options.on_progress = batch_progress_display(arguments.quiet, false);

  const batch::BatchOutcome outcome = batch::run_batch(cases, options);
  if (options.on_progress) std::fprintf(stderr, "\n");
  print_batch_outcome(arguments, outcome, options.output_dir);
  if (arguments.report)
    write_report(options.output_dir, {arguments.command_line, outcome.failures});
  return outcome.failures.empty() ? kExitSuccess : kExitSomeCasesFailed;
}

}  // namespace dermaflux::app
