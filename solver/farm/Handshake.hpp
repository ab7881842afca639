#pragma once
// The farm's start and end, around the cases (farm/Messages.hpp).
//
// Start: every rank has read and validated the sweep by itself (all read the same
// files). Before any case runs they agree: rank 0 gathers every rank's Readiness,
// decides (BatchCommand) and tells all to go or to leave with one exit status, so
// a bad input is reported once and a rank that failed alone (a file missing on its
// node) does not leave the others waiting. The sweep's fingerprint (its case
// folders) must be the same on every rank: results would land in the wrong
// folders otherwise.
//
// End: rank 0 tells every rank the command's exit status, so all ranks of the job
// leave with the same one (mpirun and srun report a rank's non-zero status).

#include <cstdint>
#include <vector>

#include "batch/BatchRunner.hpp"
#include "farm/Messages.hpp"
#include "parallel/Messenger.hpp"

namespace dermaflux::farm {

// Identifies a sweep by its case folders (index and resolved case's fingerprint).
std::uint64_t sweep_fingerprint(const std::vector<batch::BatchCase>& cases);

// Rank 0: every rank's readiness, by rank. Other ranks: sends theirs, returns {}.
std::vector<Readiness> gather_readiness(parallel::Messenger& messenger, const Readiness& mine);
void send_go(parallel::Messenger& messenger, int status);  // rank 0
int wait_for_go(parallel::Messenger& messenger);           // other ranks: the status

void send_exit_status(parallel::Messenger& messenger, int status);  // rank 0
int wait_for_exit_status(parallel::Messenger& messenger);           // other ranks

}  // namespace dermaflux::farm
