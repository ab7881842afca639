#include "farm/Worker.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <stdexcept>

#include "batch/JobThreads.hpp"
#include "farm/Messages.hpp"

namespace dermaflux::farm {
namespace {

using batch::BatchCase;

// What the job threads and the main thread hand each other.
class Mailbox {
 public:
  // Job thread: asks for a case and waits for rank 0's answer (nullptr: none).
  const BatchCase* next_case(const std::vector<BatchCase>& cases) {
    std::unique_lock<std::mutex> lock(mutex_);
    ++requests_;
    wake_main_.notify_one();
    answered_.wait(lock, [&] { return !answers_.empty(); });
    const std::optional<std::size_t> answer = answers_.front();
    answers_.pop_front();
    return answer ? &cases[*answer] : nullptr;
  }
  // Job thread: a case ended.
  void case_ended(CaseEnded ended) {
    const std::lock_guard<std::mutex> lock(mutex_);
    reports_.push_back(std::move(ended));
    wake_main_.notify_one();
  }

  // Main thread: sends what the job threads left, reports before requests.
  void send_to_rank0(parallel::Messenger& messenger) {
    const std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& ended : reports_) messenger.send(0, kCaseEnded, encode(ended));
    reports_.clear();
    for (; requests_ > 0; --requests_) messenger.send(0, kWantCase, {});
  }
  // Main thread: rank 0's answer to the oldest request (answers come in order).
  void answer(std::optional<std::size_t> position) {
    const std::lock_guard<std::mutex> lock(mutex_);
    answers_.push_back(position);
    answered_.notify_one();
  }
  // Main thread: sleeps until a job thread has something, at most `timeout`.
  void wait(std::chrono::milliseconds timeout) {
    std::unique_lock<std::mutex> lock(mutex_);
    wake_main_.wait_for(lock, timeout, [&] { return requests_ > 0 || !reports_.empty(); });
  }

 private:
  std::mutex mutex_;
  std::condition_variable wake_main_, answered_;
  int requests_ = 0;
  std::deque<CaseEnded> reports_;
  std::deque<std::optional<std::size_t>> answers_;
};

}  // namespace

void run_worker(parallel::Messenger& messenger, const std::vector<BatchCase>& cases,
                const batch::BatchOptions& options) {
  Mailbox mailbox;
  std::atomic<bool> stop_from_rank0{false};
  const auto signalled = [&] { return options.stop_requested && options.stop_requested(); };

  batch::BatchOptions job_options = options;
  job_options.stop_requested = [&] { return stop_from_rank0.load() || signalled(); };
  batch::JobThreads jobs(
      batch::job_layout(options.jobs, options.threads, 0), job_options,
      [&] { return mailbox.next_case(cases); },
      [&](const BatchCase& item, const batch::CaseReport& report) {
        mailbox.case_ended({static_cast<std::size_t>(&item - cases.data()), report});
      });

  // One message from rank 0.
  const auto handle = [&](const parallel::Message& message) {
    switch (message.tag) {
      case kCase: {
        const auto position = decode_number(message.payload);
        if (position >= cases.size())
          throw std::logic_error("farm: case " + std::to_string(position) + " of " +
                                 std::to_string(cases.size()) + " handed out");
        mailbox.answer(static_cast<std::size_t>(position));
        break;
      }
      case kNoCase:
        mailbox.answer(std::nullopt);
        break;
      case kStop:
        stop_from_rank0 = true;
        break;
      default:
        throw std::logic_error("farm: rank " + std::to_string(messenger.rank()) +
                               " received unexpected tag " + std::to_string(message.tag));
    }
  };

  bool stopping_sent = false;
  for (;;) {
    // Read before sending: once every thread has ended, their last reports are
    // in the mailbox and go out before kDone.
    const bool ended = jobs.all_ended();
    mailbox.send_to_rank0(messenger);
    if (ended) break;
    if (signalled() && !stopping_sent) {
      messenger.send(0, kStopping, {});
      stopping_sent = true;
    }
    while (auto message = messenger.poll()) {
      try {
        handle(*message);
      } catch (const std::exception& e) {
        abort_farm(messenger, e.what());
      }
    }
    mailbox.wait(std::chrono::milliseconds(1));  // parallel/Messenger.hpp
  }
  jobs.join();
  messenger.send(0, kDone, {});
}

}  // namespace dermaflux::farm
