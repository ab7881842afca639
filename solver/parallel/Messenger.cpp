#include "parallel/Messenger.hpp"

#include <chrono>
#include <thread>

namespace dermaflux::parallel {

Message wait_for_message(Messenger& messenger) {
  for (;;) {
    if (auto message = messenger.poll()) return std::move(*message);
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

}  // namespace dermaflux::parallel
