#pragma once
// How busy the machine is now, for a run that picks its thread count itself
// (core::threads_for_load): the threads of other processes that want a core.
//
// /proc/stat's procs_running is the number of runnable threads at the instant it
// is read, this process's included; the load average lags by a minute and misses
// a job that started a second ago. One reading decides a quiet machine; when it
// shows other runnable threads, two more a few ms apart and the median, so that
// one instant's burst (a shell, a cron job) does not decide a whole output interval.
// A run too small for a second thread reads nothing: there is nothing to decide.

#include <cstddef>
#include <functional>

namespace dermaflux::parallel {

// Runnable threads on the machine now (/proc/stat procs_running); -1 if unknown.
int procs_running();

// This process's threads that are running or runnable now (/proc/self/task).
int own_running_threads();

// One reading of other processes' runnable threads: procs_running minus our own;
// -1 if /proc cannot tell.
int sample_runnable_others();

// Readings sample_runnable_others has taken in this process (tests count them).
long load_samples_taken();

// Where runnable_others gets its readings (tests inject their own).
using LoadSampler = std::function<int()>;

// Other processes' runnable threads: one reading; when it shows any, the median
// of it and two more `gap_ms` apart; 0 when /proc cannot tell.
int runnable_others(const LoadSampler& sample = sample_runnable_others, int gap_ms = 2);

// The thread count for `cells` cells on `available` cores with the machine's
// load as it is now: core::threads_for_load(cells, available, others), where
// others are runnable_others() scaled to the share of the machine's CPUs this
// process may use (procs_running counts the whole machine; a process bound to 2 of
// 8 CPUs competes, on average, with a quarter of the others). One thread, without
// reading the load, when the size alone gives one (core::threads_for_cells).
int threads_for_machine(std::size_t cells, int available,
                        const LoadSampler& sample = sample_runnable_others);

}  // namespace dermaflux::parallel
