#pragma once
// How busy the machine is now, for a run that picks its thread count itself
// (core::threads_for_load): the threads of other processes that want a core.
//
// /proc/stat's procs_running is the number of runnable threads at the instant it
// is read, this process's included; the load average lags by a minute and misses
// a job that started a second ago. A few samples a few ms apart, median, so that
// one instant's burst (a shell, a cron job) does not decide a whole output interval.

#include <cstddef>

namespace dermaflux::parallel {

// Runnable threads on the machine now (/proc/stat procs_running); -1 if unknown.
int procs_running();

// This process's threads that are running or runnable now (/proc/self/task).
int own_running_threads();

// Other processes' runnable threads: the median over `samples` readings
// `gap_ms` apart of procs_running minus our own; 0 when /proc cannot tell.
int runnable_others(int samples = 3, int gap_ms = 2);

// The thread count for `cells` cells on `available` cores with the machine's
// load as it is now: core::threads_for_load(cells, available, others), where
// others are runnable_others() scaled to the share of the machine's CPUs this
// process may use (procs_running counts the whole machine; a process bound to 2 of
// 8 CPUs competes, on average, with a quarter of the others).
int threads_for_machine(std::size_t cells, int available);

}  // namespace dermaflux::parallel
