#pragma once
// One cell layer across the faces a rank's block shares with its neighbour blocks
// (parallel/Block.hpp), for our own solver of a case split over ranks: the
// matrix-vector product needs the neighbours' values next to its cut faces.
//
// Faces are numbered as model::BlockProblem's: 2 a towards the lower neighbour
// along axis a (x, y, z), 2 a + 1 towards the upper one, the periodic wrap
// included; a layer lists its cells in that face's order (x faces: j + ny k; y
// faces: i + nx k; z faces: i + nx j), which is the same order on both sides.
//
// The MPI implementation (MpiFaceExchange.cpp) posts every receive, then every
// send, and waits for all; builds without MPI have one rank and no faces.

#include <array>
#include <cstddef>
#include <memory>
#include <vector>

#include "parallel/Block.hpp"

namespace dermaflux::parallel {

using FaceLayers = std::array<std::vector<double>, 6>;

class FaceExchange {
 public:
  virtual ~FaceExchange() = default;
  // Sends outgoing[f] to the neighbour across face f and receives its layer into
  // incoming[f] (sized as outgoing[f]), for every face whose outgoing layer is
  // not empty. Collective between neighbours: each calls it as often.
  virtual void exchange(const FaceLayers& outgoing, FaceLayers& incoming) = 0;

  // What this rank has sent so far (RESULTS.md's bytes and messages per iteration).
  std::size_t messages_sent() const { return messages_sent_; }
  std::size_t bytes_sent() const { return bytes_sent_; }

 protected:
  std::size_t messages_sent_ = 0;
  std::size_t bytes_sent_ = 0;
};

// The rank across face f (2 a + side) of `block`, wrapping around a periodic axis.
int neighbour_rank(const Block& block, int face);

// The exchange between the ranks of MPI_COMM_WORLD cut as `block` says.
// Collective: every rank makes one at the same point.
std::unique_ptr<FaceExchange> make_face_exchange(const Block& block);

}  // namespace dermaflux::parallel
