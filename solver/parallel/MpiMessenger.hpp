#pragma once
// Messenger over an MPI communicator (MPI builds only). Sends are MPI_Isend from a
// buffer kept until the send completes; receives look with MPI_Improbe and take
// the matched message with MPI_Mrecv, so a message of any length arrives whole.

#include <mpi.h>

#include <list>

#include "parallel/Messenger.hpp"

namespace dermaflux::parallel {

class MpiMessenger final : public Messenger {
 public:
  explicit MpiMessenger(MPI_Comm communicator);
  ~MpiMessenger() override;
  MpiMessenger(const MpiMessenger&) = delete;
  MpiMessenger& operator=(const MpiMessenger&) = delete;

  int rank() const override { return rank_; }
  int size() const override { return size_; }
  void send(int destination, int tag, std::string payload) override;
  std::optional<Message> poll() override;
  void flush() override;
  [[noreturn]] void abort(int status) override;

 private:
  struct PendingSend {
    std::string payload;  // in a std::list node: never moves while MPI reads it
    MPI_Request request = MPI_REQUEST_NULL;
  };
  void forget_completed_sends();

  MPI_Comm communicator_;
  int rank_ = 0;
  int size_ = 1;
  std::list<PendingSend> pending_;
};

}  // namespace dermaflux::parallel
