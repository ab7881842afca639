#include "farm/Handshake.hpp"

#include <stdexcept>

namespace dermaflux::farm {
namespace {

// The next message, which must carry `tag`. A kStop may still arrive at a worker
// that has already finished: rank 0 sent it before that worker's kDone arrived.
parallel::Message expect(parallel::Messenger& messenger, Tag tag) {
  for (;;) {
    parallel::Message message = parallel::wait_for_message(messenger);
    if (message.tag == kStop) continue;
    if (message.tag != tag)
      abort_farm(messenger, "expected tag " + std::to_string(tag) + " but received tag " +
                                std::to_string(message.tag) + " from rank " +
                                std::to_string(message.source));
    return message;
  }
}

// An exit status, sent alone with `tag`.
int expect_status(parallel::Messenger& messenger, Tag tag) {
  const parallel::Message message = expect(messenger, tag);
  try {
    return static_cast<int>(decode_number(message.payload));
  } catch (const std::exception& e) {
    abort_farm(messenger, e.what());
  }
}

}  // namespace

std::uint64_t sweep_fingerprint(const std::vector<batch::BatchCase>& cases) {
  std::uint64_t hash = 1469598103934665603ull;  // FNV-1a over the folder names
  for (const auto& item : cases)
    for (const char ch : item.folder + '\n')
      hash = (hash ^ static_cast<unsigned char>(ch)) * 1099511628211ull;
  return hash;
}

std::vector<Readiness> gather_readiness(parallel::Messenger& messenger, const Readiness& mine) {
  if (messenger.rank() != 0) {
    messenger.send(0, kReady, encode(mine));
    return {};
  }
  std::vector<Readiness> all(static_cast<std::size_t>(messenger.size()));
  all[0] = mine;
  for (int received = 1; received < messenger.size(); ++received) {
    const parallel::Message message = expect(messenger, kReady);
    try {
      all[static_cast<std::size_t>(message.source)] = decode_readiness(message.payload);
    } catch (const std::exception& e) {
      abort_farm(messenger, e.what());
    }
  }
  return all;
}

void send_go(parallel::Messenger& messenger, int status) {
  for (int rank = 1; rank < messenger.size(); ++rank)
    messenger.send(rank, kGo, encode_number(static_cast<std::uint64_t>(status)));
}

int wait_for_go(parallel::Messenger& messenger) {
  return expect_status(messenger, kGo);
}

void send_exit_status(parallel::Messenger& messenger, int status) {
  for (int rank = 1; rank < messenger.size(); ++rank)
    messenger.send(rank, kExit, encode_number(static_cast<std::uint64_t>(status)));
  messenger.flush();
}

int wait_for_exit_status(parallel::Messenger& messenger) {
  return expect_status(messenger, kExit);
}

}  // namespace dermaflux::farm
