#pragma once
// The problems the peer comparison solves (benchmarks/peers_benchmark.cpp):
//
// - layered: forearm-like skin under a finite caffeine dose (stratum corneum,
//   viable epidermis, dermis; 10^4 jump in D K), periodic sides, one open
//   vehicle-filled channel 100 um deep across the stratum corneum;
// - homogeneous: the same grid with every material equal, closed sides: the
//   problem OpenFOAM's laplacianFoam (one uniform DT) can solve too.
//
// Both come from model::build_problem on a case built here, laterally wide
// enough for about `cells` cells, with an even column count in x and y so that
// hypre's PFMG can coarsen the periodic directions.

#include <cstddef>
#include <string>

#include "model/Problem.hpp"

namespace dermaflux::bench {

enum class PeerKind { Layered, Homogeneous };

model::Problem peer_problem(PeerKind kind, std::size_t cells);

// The grid and set-up as JSON (node coordinates in m, the uniform diffusivity,
// the initial potential per z-plane): what openfoam_peer.py writes its case from.
std::string grid_json(const model::Problem& homogeneous);

}  // namespace dermaflux::bench
