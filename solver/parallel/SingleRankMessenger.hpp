#pragma once
// world() of a process that is not part of an MPI job: rank 0 of 1, with nobody
// to send to.

#include "parallel/Messenger.hpp"

namespace dermaflux::parallel {

class SingleRankMessenger final : public Messenger {
 public:
  int rank() const override { return 0; }
  int size() const override { return 1; }
  void send(int destination, int tag, std::string payload) override;  // always a logic error
  std::optional<Message> poll() override { return std::nullopt; }
  void flush() override {}
  [[noreturn]] void abort(int status) override;
};

}  // namespace dermaflux::parallel
