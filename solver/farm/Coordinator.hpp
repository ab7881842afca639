#pragma once
// Rank 0 of the task farm. It hands out the cases one at a time, in sweep order,
// to whichever job thread asks next, its own or another rank's: a rank that drew
// short cases simply asks more often, so uneven cases balance without any
// estimate of their cost. It tallies how every case ended, passes the progress
// on, writes batch.csv once at the end, and when a signal reaches any rank it
// tells all to checkpoint their running cases and hands out no more.
//
// Rank 0 runs cases too (`--jobs` of them, like every rank): its main thread only
// answers messages between short sleeps, which costs it next to nothing.

#include <vector>

#include "batch/BatchRunner.hpp"
#include "parallel/Messenger.hpp"

namespace dermaflux::farm {

// Returns when every rank has ended its cases; `options.threads` are this rank's
// cores. Throws Interrupted (after writing batch.csv) when the batch was stopped,
// like batch::run_batch.
batch::BatchOutcome run_coordinator(parallel::Messenger& messenger,
                                    const std::vector<batch::BatchCase>& cases,
                                    const batch::BatchOptions& options);

}  // namespace dermaflux::farm
