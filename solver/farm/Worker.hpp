#pragma once
// A rank of the task farm other than 0. Its job threads (`--jobs`, each on its
// share of the rank's cores) ask for cases; its main thread carries their
// requests and reports to rank 0 and rank 0's answers back, between short sleeps.
// Only the main thread talks to MPI (farm/Coordinator.hpp for rank 0's side).

#include <vector>

#include "batch/BatchRunner.hpp"
#include "parallel/Messenger.hpp"

namespace dermaflux::farm {

// Returns when this rank's job threads have all ended and rank 0 knows it.
// `options.threads` are this rank's cores; `options.stop_requested` its signal.
void run_worker(parallel::Messenger& messenger, const std::vector<batch::BatchCase>& cases,
                const batch::BatchOptions& options);

}  // namespace dermaflux::farm
