#include "batch/JobThreads.hpp"

#include <omp.h>

#include <algorithm>

namespace dermaflux::batch {

JobLayout job_layout(int jobs, int cores, std::size_t cases) {
  const int available = cores > 0 ? cores : omp_get_max_threads();
  JobLayout layout;
  layout.jobs = std::max(1, jobs);
  if (cases > 0 && static_cast<std::size_t>(layout.jobs) > cases)
    layout.jobs = static_cast<int>(cases);
  layout.threads_per_job = std::max(1, available / layout.jobs);
  return layout;
}

JobThreads::JobThreads(JobLayout layout, const BatchOptions& options, NextCase next,
                       CaseEnded ended)
    : options_(options), next_(std::move(next)), ended_(std::move(ended)), running_(layout.jobs) {
  for (int j = 0; j < layout.jobs; ++j)
    threads_.emplace_back([this, threads = layout.threads_per_job] { run(threads); });
}

JobThreads::~JobThreads() {
  join();
}

void JobThreads::join() {
  for (auto& thread : threads_)
    if (thread.joinable()) thread.join();
}

void JobThreads::run(int threads_per_job) {
  omp_set_num_threads(threads_per_job);  // this thread's OpenMP teams
  while (const BatchCase* item = next_()) {
    const CaseReport report = run_one(*item, options_);
    ended_(*item, report);
    if (report.end == CaseEnd::interrupted) break;
  }
  --running_;
}

}  // namespace dermaflux::batch
