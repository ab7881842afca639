#pragma once
// hypre needs MPI (Debian builds it with Open MPI) and HYPRE_Init() once per
// process. A run may be started by mpirun (a task farm that already initialised
// MPI) or as a plain program; either way the first hypre solver calls this.

namespace dermaflux::linear {

// Initialises MPI (unless the program already did) and hypre, once per process.
// What it initialised is finalised at normal exit, hypre before MPI. Throws
// NumericalError when MPI cannot start.
void ensure_hypre_runtime();

}  // namespace dermaflux::linear
