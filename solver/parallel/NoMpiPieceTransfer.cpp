// parallel/PieceTransfer.hpp in builds without MPI: one rank, nobody to send to.

#include "core/Error.hpp"
#include "parallel/PieceTransfer.hpp"

namespace dermaflux::parallel {
namespace {

class NoPieceTransfer final : public PieceTransfer {
 public:
  int rank() const override { return 0; }
  int size() const override { return 1; }
  void send(int, std::span<const std::byte>) override { refuse(); }
  void receive(int, std::vector<std::byte>&) override { refuse(); }

 private:
  [[noreturn]] static void refuse() {
    throw UsageError("a split run's coarse level moves between ranks, but this build has no MPI");
  }
};

}  // namespace

std::unique_ptr<PieceTransfer> make_piece_transfer() {
  return std::make_unique<NoPieceTransfer>();
}

}  // namespace dermaflux::parallel
