// parallel/PieceTransfer.hpp in builds with MPI.

#include <mpi.h>

#include <list>

#include "parallel/PieceTransfer.hpp"

namespace dermaflux::parallel {
namespace {

class MpiPieceTransfer final : public PieceTransfer {
 public:
  MpiPieceTransfer() {
    // A communicator of our own: the pieces meet no one else's messages.
    MPI_Comm_dup(MPI_COMM_WORLD, &communicator_);
    MPI_Comm_rank(communicator_, &rank_);
    MPI_Comm_size(communicator_, &size_);
  }
  ~MpiPieceTransfer() override {
    int finalised = 0;
    MPI_Finalized(&finalised);
    if (finalised) return;
    for (PendingSend& pending : pending_) MPI_Wait(&pending.request, MPI_STATUS_IGNORE);
    MPI_Comm_free(&communicator_);
  }
  MpiPieceTransfer(const MpiPieceTransfer&) = delete;
  MpiPieceTransfer& operator=(const MpiPieceTransfer&) = delete;

  int rank() const override { return rank_; }
  int size() const override { return size_; }

  void send(int to, std::span<const std::byte> bytes) override {
    forget_completed_sends();
    PendingSend& pending = pending_.emplace_back();
    pending.bytes.assign(bytes.begin(), bytes.end());
    MPI_Isend(pending.bytes.data(), static_cast<int>(pending.bytes.size()), MPI_BYTE, to, kTag,
              communicator_, &pending.request);
    count_sent(bytes.size());
  }

  void receive(int from, std::vector<std::byte>& bytes) override {
    MPI_Message handle = MPI_MESSAGE_NULL;
    MPI_Status status;
    MPI_Mprobe(from, kTag, communicator_, &handle, &status);
    int length = 0;
    MPI_Get_count(&status, MPI_BYTE, &length);
    bytes.resize(static_cast<std::size_t>(length));
    MPI_Mrecv(bytes.data(), length, MPI_BYTE, &handle, MPI_STATUS_IGNORE);
    forget_completed_sends();
  }

 private:
  static constexpr int kTag = 0;
  struct PendingSend {
    std::vector<std::byte> bytes;  // in a std::list node: never moves while MPI reads it
    MPI_Request request = MPI_REQUEST_NULL;
  };
  void forget_completed_sends() {
    for (auto it = pending_.begin(); it != pending_.end();) {
      int done = 0;
      MPI_Test(&it->request, &done, MPI_STATUS_IGNORE);
      it = done ? pending_.erase(it) : std::next(it);
    }
  }

  MPI_Comm communicator_ = MPI_COMM_NULL;
  int rank_ = 0;
  int size_ = 1;
  std::list<PendingSend> pending_;
};

}  // namespace

std::unique_ptr<PieceTransfer> make_piece_transfer() {
  return std::make_unique<MpiPieceTransfer>();
}

}  // namespace dermaflux::parallel
