#pragma once
// SIGINT and SIGTERM ask a running simulation to stop: the handler only sets a
// flag, which the run polls after every step; it then writes a checkpoint, marks
// its folder INTERRUPTED and exits non-zero. A second signal kills at once
// (the default action is restored after the first).

namespace dermaflux::app {

void install_stop_handlers();
bool stop_requested();
int stop_signal();  // the signal that asked to stop, 0 if none

}  // namespace dermaflux::app
