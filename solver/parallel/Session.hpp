#pragma once
// The MPI side of the process. main() calls start_mpi_if_launched() first: MPI
// starts only when a launcher started this process (parallel/Launcher.hpp), so a
// plain `dermaflux run` never touches it; otherwise the process is one rank alone.
//
// Whoever initialises MPI finalises it. When this starts MPI it finalises it at
// exit, after the hypre runtime (linear/HypreRuntime), which then finds MPI
// already initialised and leaves it alone; a process not started by a launcher
// that uses hypre lets HypreRuntime start and end MPI as before.
//
// Builds without MPI (DERMAFLUX_WITH_MPI=OFF) link NoMpiSession.cpp instead of
// MpiSession.cpp: always one rank.

#include "core/GlobalSum.hpp"
#include "parallel/Messenger.hpp"

namespace dermaflux::parallel {

// Starts MPI when a launcher started this process. Throws UsageError when a
// launcher started several processes that cannot talk to each other (srun
// --mpi=none, or a build without MPI under mpirun): each would run the whole
// command alone and all would write the same folders.
void start_mpi_if_launched();

// Whether this process is a rank of an MPI job (also under mpirun -n 1).
bool mpi_started();

// The ranks of the job; one rank when MPI was not started.
Messenger& world();

// How many ranks on this node may run on exactly the CPUs this one may run on: 1
// when the launcher bound every rank to cores of its own, all of the node's ranks
// when it bound none. Collective: every rank of world() must call it.
int ranks_sharing_my_cpus();

// How many ranks of world() run on this node (share its memory). Collective.
int ranks_on_my_node();

// Sums over the ranks of world() (core/GlobalSum.hpp): the ranks' values are
// gathered to every rank and added there in rank order, so that every rank has
// the same bits and a rerun on as many ranks the same again. Collective: every
// rank must call it with as many values. Empty when MPI was not started.
core::GlobalSum world_sum();

// Pieces put together over the ranks of world(): a sum (MPI_Allreduce) that is
// exact, and so the same bits on every rank and rerun, only where every value is
// nonzero on at most one rank; it moves the values once where world_sum() gathers
// them from every rank (our multigrid's coarse level put together on every rank,
// DERMAFLUX_COARSE_RANKS=all, linear/CoarseAgglomeration.hpp). Collective. Empty
// when MPI was not started.
core::GlobalSum world_pieces();

}  // namespace dermaflux::parallel
