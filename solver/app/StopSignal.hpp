#pragma once
// SIGINT, SIGTERM and SIGUSR1 ask a running simulation to stop: the handler only
// sets a flag, which the run polls after every step; it then writes a checkpoint,
// marks its folder INTERRUPTED and exits non-zero. A second signal kills at once
// (the default action is restored after the first).
//
// SIGUSR1 is for MPI jobs: mpirun answers SIGINT and SIGTERM by sending SIGTERM to
// every rank and killing them a second later (Open MPI's odls_base_sigkill_timeout),
// whatever they do; SIGUSR1 it passes on to the ranks and lets them finish, so
// `kill -USR1 <mpirun>` (or Slurm's `scancel --signal=USR1`) stops a farm with
// every checkpoint written and exit status 130.

namespace dermaflux::app {

void install_stop_handlers();
bool stop_requested();
int stop_signal();  // the signal that asked to stop, 0 if none

}  // namespace dermaflux::app
