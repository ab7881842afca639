#pragma once
// `dermaflux fit` under mpirun -n P (P > 1): a task farm per batch of runs.
//
// Every rank runs the same optimiser (fit/FitDriver.hpp, FitOptions::follower on
// ranks other than 0) and reads the same runs' results from the shared runs folder,
// so every rank reaches the same batches (the base point and the finite-difference
// points of one Jacobian) in the same order without any being sent. Each batch is
// one round of the farm (farm/): the ranks check that they hold the same runs,
// rank 0 hands them out to every rank's job threads, and then tells all how the
// round ended, which also keeps a rank from reading runs before they are finished.
// The runs are whole deterministic cases, so the fit is the same bits as without MPI.

#include <functional>

#include "fit/FitDriver.hpp"

namespace dermaflux::app {

// Makes `options` farm its batches over the ranks of parallel::world() when there
// are several (a no-op otherwise); `threads_asked` is --threads (0: the rank's
// share of the node's cores). Collective: every rank calls it.
void farm_fit_batches(fit::FitOptions& options, int threads_asked);

// Runs `prepare` (reading the fit file, rank 0's folder lock); under mpirun the
// ranks then agree to start, as `dermaflux batch`'s do (farm/Handshake.hpp): when
// any rank met an error, rank 0 throws it (or "rank N: <its error>") and the others
// throw quietly with its status, so none waits for a fit that will not start.
// Collective: every rank calls it.
void agree_to_start(const std::function<void()>& prepare);

}  // namespace dermaflux::app
