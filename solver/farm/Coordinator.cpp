#include "farm/Coordinator.hpp"

#include <atomic>
#include <chrono>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "batch/BatchTally.hpp"
#include "batch/JobThreads.hpp"
#include "farm/Messages.hpp"

namespace dermaflux::farm {
namespace {

using batch::BatchCase;

// The cases left to hand out, to rank 0's own job threads (under the mutex) and to
// the other ranks' (from the main thread).
class Dispenser {
 public:
  explicit Dispenser(std::vector<const BatchCase*> to_run) : to_run_(std::move(to_run)) {}

  const BatchCase* take() {
    const std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_ || next_ >= to_run_.size()) return nullptr;
    return to_run_[next_++];
  }
  void stop() {
    const std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  bool stopping() const {
    const std::lock_guard<std::mutex> lock(mutex_);
    return stopping_;
  }
  // Stopped with cases that were never handed out (they run on the rerun).
  bool stopped_early() const {
    const std::lock_guard<std::mutex> lock(mutex_);
    return stopping_ && next_ < to_run_.size();
  }

 private:
  mutable std::mutex mutex_;
  std::vector<const BatchCase*> to_run_;
  std::size_t next_ = 0;
  bool stopping_ = false;
};

}  // namespace

batch::BatchOutcome run_coordinator(parallel::Messenger& messenger,
                                    const std::vector<BatchCase>& cases,
                                    const batch::BatchOptions& options) {
  batch::BatchPlan plan = batch::plan_batch(cases, options);
  batch::BatchTally tally(plan.selected, plan.skipped, plan.to_run.size(), options.on_progress);
  Dispenser dispenser(std::move(plan.to_run));
  const auto signalled = [&] { return options.stop_requested && options.stop_requested(); };

  // Rank 0's own cases stop on a signal here or on any other rank's.
  batch::BatchOptions own_options = options;
  own_options.stop_requested = [&] { return dispenser.stopping() || signalled(); };
  batch::JobThreads own_jobs(
      batch::job_layout(options.jobs, options.threads, 0), own_options,
      [&] { return dispenser.take(); },
      [&](const BatchCase&, const batch::CaseReport& report) {
        tally.record(report);
        if (report.end == batch::CaseEnd::interrupted) dispenser.stop();
      });

  std::vector<bool> rank_done(static_cast<std::size_t>(messenger.size()), false);
  int ranks_running = messenger.size() - 1;
  bool stop_sent = false;
  // One message from another rank.
  const auto handle = [&](const parallel::Message& message) {
    switch (message.tag) {
      case kWantCase:
        if (const BatchCase* item = dispenser.take())
          messenger.send(message.source, kCase,
                         encode_number(static_cast<std::uint64_t>(item - cases.data())));
        else
          messenger.send(message.source, kNoCase, {});
        break;
      case kCaseEnded: {
        const CaseEnded ended = decode_case_ended(message.payload);
        tally.record(ended.report);
        if (ended.report.end == batch::CaseEnd::interrupted) dispenser.stop();
        break;
      }
      case kStopping:
        dispenser.stop();
        break;
      case kDone:
        rank_done[static_cast<std::size_t>(message.source)] = true;
        --ranks_running;
        break;
      default:
        throw std::logic_error("farm: rank 0 received unexpected tag " +
                               std::to_string(message.tag) + " from rank " +
                               std::to_string(message.source));
    }
  };

  while (ranks_running > 0 || !own_jobs.all_ended()) {
    if (signalled()) dispenser.stop();
    if (dispenser.stopping() && !stop_sent) {
      for (int rank = 1; rank < messenger.size(); ++rank)
        if (!rank_done[static_cast<std::size_t>(rank)]) messenger.send(rank, kStop, {});
      stop_sent = true;
    }
    auto message = messenger.poll();
    if (!message) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));  // parallel/Messenger.hpp
      continue;
    }
    try {
      handle(*message);
    } catch (const std::exception& e) {
      abort_farm(messenger, e.what());
    }
  }
  own_jobs.join();

  batch::write_batch_csv(cases, options.output_dir);
  const batch::BatchOutcome outcome = tally.outcome();
  if (tally.interrupted() || dispenser.stopped_early()) throw batch::batch_interrupted(outcome);
  return outcome;
}

}  // namespace dermaflux::farm
