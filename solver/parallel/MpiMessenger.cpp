#include "parallel/MpiMessenger.hpp"

#include <chrono>
#include <cstdlib>
#include <thread>

namespace dermaflux::parallel {

MpiMessenger::MpiMessenger(MPI_Comm communicator) : communicator_(communicator) {
  MPI_Comm_rank(communicator_, &rank_);
  MPI_Comm_size(communicator_, &size_);
}

MpiMessenger::~MpiMessenger() {
  flush();
}

void MpiMessenger::send(int destination, int tag, std::string payload) {
  forget_completed_sends();
  PendingSend& pending = pending_.emplace_back();
  pending.payload = std::move(payload);
  MPI_Isend(pending.payload.data(), static_cast<int>(pending.payload.size()), MPI_CHAR, destination,
            tag, communicator_, &pending.request);
}

std::optional<Message> MpiMessenger::poll() {
  forget_completed_sends();
  int arrived = 0;
  MPI_Message handle = MPI_MESSAGE_NULL;
  MPI_Status status;
  MPI_Improbe(MPI_ANY_SOURCE, MPI_ANY_TAG, communicator_, &arrived, &handle, &status);
  if (!arrived) return std::nullopt;
  int length = 0;
  MPI_Get_count(&status, MPI_CHAR, &length);
  Message message{status.MPI_SOURCE, status.MPI_TAG,
                  std::string(static_cast<std::size_t>(length), '\0')};
  MPI_Mrecv(message.payload.data(), length, MPI_CHAR, &handle, MPI_STATUS_IGNORE);
  return message;
}

void MpiMessenger::flush() {
  for (forget_completed_sends(); !pending_.empty(); forget_completed_sends())
    std::this_thread::sleep_for(std::chrono::milliseconds(1));  // see Messenger.hpp
}

void MpiMessenger::abort(int status) {
  MPI_Abort(communicator_, status);
  std::abort();  // MPI_Abort does not return; this tells the compiler so
}

void MpiMessenger::forget_completed_sends() {
  for (auto it = pending_.begin(); it != pending_.end();) {
    int done = 0;
    MPI_Test(&it->request, &done, MPI_STATUS_IGNORE);
    it = done ? pending_.erase(it) : std::next(it);
  }
}

}  // namespace dermaflux::parallel
