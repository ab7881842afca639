#pragma once
// The problems the peer comparison solves (benchmarks/peers_benchmark.cpp):
//
// - layered: forearm-like skin under a finite caffeine dose (stratum corneum,
//   viable epidermis, dermis; 10^4 jump in D K), periodic sides, one open
//   vehicle-filled channel 100 um deep across the stratum corneum;
// - homogeneous: the same grid with every material equal, closed sides: the
//   problem OpenFOAM's laplacianFoam (one uniform DT) can solve too;
// - uniform: a box of uniform spacing (bench_step_overhead's: 40 planes of 5 um,
//   10 um across, one material, serum fixed on top, sink below, closed sides,
//   starting empty); `--cells 655360` gives 128 x 128 x 40, issue 18's first row.
//
// The first two come from model::build_problem on a case built here, laterally
// wide enough for about `cells` cells, with an even column count in x and y so
// that hypre's PFMG can coarsen the periodic directions.

#include <cstddef>
#include <string>

#include "model/Problem.hpp"

namespace dermaflux::bench {

enum class PeerKind { Layered, Homogeneous, Uniform };

model::Problem peer_problem(PeerKind kind, std::size_t cells);

// The grid and set-up as JSON (node coordinates in m, the uniform diffusivity,
// the initial potential per z-plane, the top's fixed potential or null where the
// top is closed): what openfoam_peer.py writes its case from.
std::string grid_json(const model::Problem& one_material);

}  // namespace dermaflux::bench
