#pragma once
// What a driver of `dermaflux batch` needs besides the batch runner: the cases
// and options from the sweep and the command line, the progress display and the
// closing lines.

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

// The progress display: one line redrawn in place on a terminal, nothing
// otherwise or when quiet.
std::function<void(const batch::BatchProgress&)> batch_progress_display(bool quiet);

// The closing lines on standard output (and the failures on standard error).
void print_batch_outcome(const BatchArguments& arguments, const batch::BatchOutcome& outcome,
                         const std::filesystem::path& output_dir);

}  // namespace dermaflux::app
