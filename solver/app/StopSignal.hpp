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

//
// Before the first poll (reading, meshing, rasterising, building the multigrid
// hierarchy: minutes for a large case, and nothing yet worth a checkpoint) a stop
// signal ends the process at once, exit status 130, saying so in one line.

namespace dermaflux::app {

void install_stop_handlers();
// Polled by a run after each step; the first poll ends the set-up.
bool stop_requested();
// A new run's set-up begins (compare, between its runs): signals end it at once again.
void begin_set_up();
int stop_signal();  // the signal that asked to stop, 0 if none

}  // namespace dermaflux::app
