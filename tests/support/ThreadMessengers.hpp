#pragma once
// Messengers for ranks that are threads of one test process: what the task farm
// needs from MPI (ordered point-to-point messages, looked for without blocking),
// without MPI, so the farm's logic is tested in every build, the sanitizer one
// included. The tests run one thread per rank.

#include <cstdlib>
#include <deque>
#include <memory>
#include <mutex>
#include <vector>

#include "parallel/Messenger.hpp"

namespace dermaflux::testing {

class ThreadMessengers {
 public:
  explicit ThreadMessengers(int ranks) {
    for (int r = 0; r < ranks; ++r) inboxes_.push_back(std::make_unique<Inbox>());
    for (int r = 0; r < ranks; ++r) endpoints_.push_back(std::make_unique<Endpoint>(*this, r));
  }
  parallel::Messenger& rank(int r) { return *endpoints_[static_cast<std::size_t>(r)]; }
  int size() const { return static_cast<int>(inboxes_.size()); }

 private:
  struct Inbox {
    std::mutex mutex;
    std::deque<parallel::Message> messages;
  };
  class Endpoint final : public parallel::Messenger {
   public:
    Endpoint(ThreadMessengers& all, int rank) : all_(all), rank_(rank) {}
    int rank() const override { return rank_; }
    int size() const override { return all_.size(); }
    void send(int destination, int tag, std::string payload) override {
      Inbox& inbox = *all_.inboxes_.at(static_cast<std::size_t>(destination));
      const std::lock_guard<std::mutex> lock(inbox.mutex);
      inbox.messages.push_back({rank_, tag, std::move(payload)});
    }
    std::optional<parallel::Message> poll() override {
      Inbox& inbox = *all_.inboxes_[static_cast<std::size_t>(rank_)];
      const std::lock_guard<std::mutex> lock(inbox.mutex);
      if (inbox.messages.empty()) return std::nullopt;
      parallel::Message message = std::move(inbox.messages.front());
      inbox.messages.pop_front();
      return message;
    }
    void flush() override {}
    [[noreturn]] void abort(int) override { std::abort(); }

   private:
    ThreadMessengers& all_;
    int rank_;
  };

  std::vector<std::unique_ptr<Inbox>> inboxes_;
  std::vector<std::unique_ptr<Endpoint>> endpoints_;
};

}  // namespace dermaflux::testing
