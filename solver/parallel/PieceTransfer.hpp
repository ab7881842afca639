#pragma once
// Pieces of a vector moved between two ranks, for our multigrid's coarse level
// put together on fewer ranks than hold it (linear/CoarseAgglomeration.hpp): each
// rank sends its piece to its coarse rank, which sends each its part of the
// correction back. Point to point, of any length, in sending order between two
// ranks; a send never waits for the receiver, so a rank may send to several and
// then receive from them without a deadlock.
//
// The MPI implementation (MpiPieceTransfer.cpp) has a communicator of its own over
// MPI_COMM_WORLD; builds without MPI have one rank and nobody to send to; the tests'
// ranks are threads (tests/support/ThreadRanks.hpp). Counts what this rank sent,
// as FaceExchange does (RESULTS.md's messages and bytes per V-cycle).

#include <cstddef>
#include <cstring>
#include <memory>
#include <span>
#include <type_traits>
#include <vector>

namespace dermaflux::parallel {

class PieceTransfer {
 public:
  virtual ~PieceTransfer() = default;

  virtual int rank() const = 0;  // 0 .. size() - 1
  virtual int size() const = 0;

  // Sends `bytes` to rank `to` (not this one) and returns; the bytes are copied.
  virtual void send(int to, std::span<const std::byte> bytes) = 0;
  // The next bytes rank `from` sent to this one, waiting for them; `bytes` is
  // resized to what arrived.
  virtual void receive(int from, std::vector<std::byte>& bytes) = 0;

  // Typed forms of the same, for trivially copyable values.
  template <typename T>
  void send_values(int to, std::span<const T> values) {
    static_assert(std::is_trivially_copyable_v<T>);
    send(to, std::as_bytes(values));
  }
  template <typename T>
  void receive_values(int from, std::vector<T>& values) {
    static_assert(std::is_trivially_copyable_v<T>);
    receive(from, buffer_);
    values.resize(buffer_.size() / sizeof(T));
    if (!buffer_.empty()) std::memcpy(values.data(), buffer_.data(), buffer_.size());
  }

  // What this rank has sent so far.
  std::size_t messages_sent() const { return messages_sent_; }
  std::size_t bytes_sent() const { return bytes_sent_; }

 protected:
  void count_sent(std::size_t bytes) {
    ++messages_sent_;
    bytes_sent_ += bytes;
  }

 private:
  std::size_t messages_sent_ = 0;
  std::size_t bytes_sent_ = 0;
  std::vector<std::byte> buffer_;  // receive_values' bytes, kept between calls
};

// The transfer between the ranks of MPI_COMM_WORLD (one rank without MPI).
// Collective: every rank makes one at the same point.
std::unique_ptr<PieceTransfer> make_piece_transfer();

}  // namespace dermaflux::parallel
