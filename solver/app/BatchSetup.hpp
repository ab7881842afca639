#pragma once
// What the two drivers of `dermaflux batch` share: the serial one (threads in one
// process, BatchCommand.cpp) and the MPI task farm (FarmBatchCommand.cpp), which
// main() chooses between by whether a launcher started MPI.

#include <functional>
#include <string>
#include <vector>

#include "app/Commands.hpp"
#include "batch/BatchRunner.hpp"
#include "input/Sweep.hpp"

namespace dermaflux::app {

// The sweep's cases with their folders "<index>-<hash>".
std::vector<batch::BatchCase> batch_cases(const input::Sweep& sweep);

// Output folder, jobs, threads and shard from the command line and the sweep.
batch::BatchOptions batch_options(const BatchArguments& arguments, const input::Sweep& sweep);

// The lock file a batch holds in its output folder: one per shard, since the
// shards of a sweep share its folder (io/FolderLock.hpp).
std::string batch_lock_name(const batch::Shard& shard);

// The progress display. On a terminal: one line redrawn in place. Otherwise, when
// `log_lines` (the farm: mpirun hands rank 0 a pipe, not the terminal), a line at
// most every 10 s and the last one; otherwise nothing. Nothing when quiet.
std::function<void(const batch::BatchProgress&)> batch_progress_display(bool quiet, bool log_lines);

// The closing lines on standard output (and the failures on standard error).
void print_batch_outcome(const BatchArguments& arguments, const batch::BatchOutcome& outcome,
                         const std::filesystem::path& output_dir);

// The farm: every rank of an MPI job runs this (a rank other than 0 silently
// returns the status rank 0 decided).
int farm_batch_command(const BatchArguments& arguments);

}  // namespace dermaflux::app
