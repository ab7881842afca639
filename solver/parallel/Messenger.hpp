#pragma once
// Messages between the ranks of a job, as the task farm needs them: small
// point-to-point messages that never block the sender, and a receive that only
// looks whether something has arrived. The farm waits by polling with short
// sleeps, so a rank that waits (for its next case, or for the others to finish)
// leaves its cores to the ranks that compute; a blocking MPI wait would spin on
// them. The MPI implementation is MpiMessenger; the tests use one of threads.

#include <optional>
#include <string>

namespace dermaflux::parallel {

struct Message {
  int source = 0;  // the sending rank
  int tag = 0;     // what kind of message (the farm's tags, farm/Messages.hpp)
  std::string payload;
};

class Messenger {
 public:
  virtual ~Messenger() = default;

  virtual int rank() const = 0;  // 0 .. size() - 1
  virtual int size() const = 0;

  // Sends `payload` to `destination` and returns at once (the message leaves in
  // the background). Messages from one rank to another arrive in sending order.
  virtual void send(int destination, int tag, std::string payload) = 0;
  // The next message that has arrived, from any rank, or nothing; never blocks.
  virtual std::optional<Message> poll() = 0;
  // Returns when every message this rank sent has left it (before MPI ends).
  virtual void flush() = 0;
  // Ends every rank of the job with `status`, for an error that would otherwise
  // leave the others waiting for this one. The caller prints why first.
  [[noreturn]] virtual void abort(int status) = 0;
};

// The next message, waiting for it in short sleeps (see above).
Message wait_for_message(Messenger& messenger);

}  // namespace dermaflux::parallel
