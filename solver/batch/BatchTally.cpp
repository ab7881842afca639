#include "batch/BatchTally.hpp"

namespace dermaflux::batch {

BatchTally::BatchTally(std::size_t selected, std::size_t skipped, std::size_t to_run,
                       std::function<void(const BatchProgress&)> on_progress)
    : to_run_(to_run),
      on_progress_(std::move(on_progress)),
      start_(std::chrono::steady_clock::now()) {
  outcome_.selected = selected;
  outcome_.skipped = skipped;
  progress_ = {0, 0, skipped, selected, 0.0};
  const std::lock_guard<std::mutex> lock(mutex_);
  report_progress();
}

void BatchTally::record(const CaseReport& report) {
  const std::lock_guard<std::mutex> lock(mutex_);
  switch (report.end) {
    case CaseEnd::finished:
      ++progress_.done;
      ++outcome_.finished;
      break;
    case CaseEnd::failed:
      ++progress_.failed;
      outcome_.failures.push_back(report.failure);
      break;
    case CaseEnd::interrupted:
      interrupted_ = true;  // neither done nor failed: it resumes on the rerun
      return;
  }
  report_progress();
}

bool BatchTally::interrupted() const {
  const std::lock_guard<std::mutex> lock(mutex_);
  return interrupted_;
}

BatchOutcome BatchTally::outcome() const {
  const std::lock_guard<std::mutex> lock(mutex_);
  return outcome_;
}

void BatchTally::report_progress() {
  if (!on_progress_) return;
  const double elapsed_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const std::size_t processed = progress_.done + progress_.failed;
  const std::size_t remaining = to_run_ > processed ? to_run_ - processed : 0;
  progress_.seconds_left =
      processed > 0 ? elapsed_s / static_cast<double>(processed) * static_cast<double>(remaining)
                    : 0.0;
  on_progress_(progress_);
}

}  // namespace dermaflux::batch
