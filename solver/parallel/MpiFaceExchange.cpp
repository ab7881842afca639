// parallel/FaceExchange.hpp in builds with MPI.

#include <mpi.h>

#include <vector>

#include "parallel/FaceExchange.hpp"

namespace dermaflux::parallel {
namespace {

class MpiFaceExchange final : public FaceExchange {
 public:
  explicit MpiFaceExchange(const Block& block) {
    // A communicator of our own: the layers' tags meet no one else's messages.
    MPI_Comm_dup(MPI_COMM_WORLD, &communicator_);
    for (int face = 0; face < 6; ++face) neighbour_[face] = neighbour_rank(block, face);
  }
  ~MpiFaceExchange() override {
    int finalised = 0;
    MPI_Finalized(&finalised);
    if (!finalised) MPI_Comm_free(&communicator_);
  }
  MpiFaceExchange(const MpiFaceExchange&) = delete;
  MpiFaceExchange& operator=(const MpiFaceExchange&) = delete;

  void exchange(const FaceLayers& outgoing, FaceLayers& incoming) override {
    requests_.clear();
    // A layer sent across face f arrives at the neighbour's opposite face: the
    // tag names the receiving face, so two faces to one rank (2 ranks around a
    // periodic axis) stay apart.
    for (int face = 0; face < 6; ++face) {
      const auto f = static_cast<std::size_t>(face);
      if (outgoing[f].empty()) continue;
      incoming[f].resize(outgoing[f].size());
      requests_.emplace_back();
      MPI_Irecv(incoming[f].data(), static_cast<int>(incoming[f].size()), MPI_DOUBLE,
                neighbour_[face], face, communicator_, &requests_.back());
    }
    for (int face = 0; face < 6; ++face) {
      const auto f = static_cast<std::size_t>(face);
      if (outgoing[f].empty()) continue;
      const int arriving_at = face % 2 == 0 ? face + 1 : face - 1;
      requests_.emplace_back();
      MPI_Isend(outgoing[f].data(), static_cast<int>(outgoing[f].size()), MPI_DOUBLE,
                neighbour_[face], arriving_at, communicator_, &requests_.back());
      ++messages_sent_;
      bytes_sent_ += outgoing[f].size() * sizeof(double);
    }
    MPI_Waitall(static_cast<int>(requests_.size()), requests_.data(), MPI_STATUSES_IGNORE);
  }

 private:
  MPI_Comm communicator_ = MPI_COMM_NULL;
  int neighbour_[6] = {0, 0, 0, 0, 0, 0};
  std::vector<MPI_Request> requests_;
};

}  // namespace

std::unique_ptr<FaceExchange> make_face_exchange(const Block& block) {
  return std::make_unique<MpiFaceExchange>(block);
}

}  // namespace dermaflux::parallel
