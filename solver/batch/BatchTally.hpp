#pragma once
// What the cases of one batch invocation ended as, counted as they end (from any
// thread, or from any rank through the farm's rank 0), with the progress passed
// on after each: cases done of the total, and the time left, estimated from the
// wall time so far per case ended (so it accounts for however many run at once).

#include <chrono>
#include <cstddef>
#include <mutex>

#include "batch/BatchRunner.hpp"
#include "batch/CaseRun.hpp"

namespace dermaflux::batch {

class BatchTally {
 public:
  // `selected` cases of the shard, `skipped` of them finished before, `to_run` left.
  BatchTally(std::size_t selected, std::size_t skipped, std::size_t to_run,
             std::function<void(const BatchProgress&)> on_progress);

  void record(const CaseReport& report);  // thread-safe; calls on_progress
  bool interrupted() const;
  BatchOutcome outcome() const;

 private:
  void report_progress();  // with mutex_ held

  mutable std::mutex mutex_;
  std::size_t to_run_;
  std::function<void(const BatchProgress&)> on_progress_;
  std::chrono::steady_clock::time_point start_;
  BatchProgress progress_;
  BatchOutcome outcome_;
  bool interrupted_ = false;
};

}  // namespace dermaflux::batch
