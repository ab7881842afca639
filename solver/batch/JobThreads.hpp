#pragma once
// The threads of one process that run cases at once (`--jobs J`), each on its
// share of the cores as OpenMP threads. Where the cases come from is the driver's
// business: the serial batch takes them from a shared counter, a rank of the MPI
// farm asks rank 0. A thread takes cases until `next` has none, or until its case
// was interrupted.

#include <atomic>
#include <functional>
#include <thread>
#include <vector>

#include "batch/BatchRunner.hpp"
#include "batch/CaseRun.hpp"

namespace dermaflux::batch {

// J concurrent cases on C cores: C / J OpenMP threads each, at least 1.
struct JobLayout {
  int jobs = 1;
  int threads_per_job = 1;
};
// `jobs` clamped to [1, cases] (when cases > 0), `cores` of 0 meaning OpenMP's default.
JobLayout job_layout(int jobs, int cores, std::size_t cases);

class JobThreads {
 public:
  using NextCase = std::function<const BatchCase*()>;  // nullptr: no more cases
  using CaseEnded = std::function<void(const BatchCase&, const CaseReport&)>;

  // Starts the threads; `options` (output folder, stop request) goes to run_one().
  JobThreads(JobLayout layout, const BatchOptions& options, NextCase next, CaseEnded ended);
  ~JobThreads();  // joins
  JobThreads(const JobThreads&) = delete;
  JobThreads& operator=(const JobThreads&) = delete;

  bool all_ended() const { return running_ == 0; }
  void join();

 private:
  void run(int threads_per_job);

  const BatchOptions& options_;
  NextCase next_;
  CaseEnded ended_;
  std::atomic<int> running_;
  std::vector<std::thread> threads_;
};

}  // namespace dermaflux::batch
