#include "parallel/SingleRankMessenger.hpp"

#include <cstdlib>
#include <stdexcept>

namespace dermaflux::parallel {

void SingleRankMessenger::send(int destination, int tag, std::string) {
  throw std::logic_error("a single rank has nobody to send to (rank " +
                         std::to_string(destination) + ", tag " + std::to_string(tag) + ")");
}

void SingleRankMessenger::abort(int status) {
  std::exit(status);
}

}  // namespace dermaflux::parallel
