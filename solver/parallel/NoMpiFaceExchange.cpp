// parallel/FaceExchange.hpp in builds without MPI: one rank, whose block is the
// whole grid and has no faces to exchange.

#include "core/Error.hpp"
#include "parallel/FaceExchange.hpp"

namespace dermaflux::parallel {
namespace {

class NoFaceExchange final : public FaceExchange {
 public:
  void exchange(const FaceLayers& outgoing, FaceLayers&) override {
    for (const auto& layer : outgoing)
      if (!layer.empty())
        throw UsageError("a block of a split run has neighbours, but this build has no MPI");
  }
};

}  // namespace

std::unique_ptr<FaceExchange> make_face_exchange(const Block&) {
  return std::make_unique<NoFaceExchange>();
}

}  // namespace dermaflux::parallel
