#pragma once
// Was this process started by an MPI launcher (mpirun, mpiexec, srun --mpi=...)?
// Decided from the environment the launcher sets, before MPI is touched, so that a
// plain `dermaflux run` never initialises MPI. Pure: takes the environment as a
// function, so the tests can feed it any variables.

#include <functional>
#include <string>

namespace dermaflux::parallel {

struct LaunchInfo {
  bool by_mpi_launcher = false;  // a launcher set up a process-manager interface
  int size = 0;                  // ranks, when the environment says (0: unknown)
  int rank = -1;                 // this rank, when the environment says (-1: unknown)
  // srun started several tasks but gave them no process-manager interface (srun
  // --mpi=none): each would run alone and all would write the same folders.
  bool slurm_tasks_without_mpi = false;
  int slurm_tasks = 0;
  std::string evidence;  // the variable that decided it, "OMPI_COMM_WORLD_SIZE=4"
};

using Environment = std::function<const char*(const char* name)>;

// Open MPI's mpirun sets OMPI_COMM_WORLD_SIZE/RANK; MPICH's hydra and Slurm's PMI2
// plugin PMI_SIZE/PMI_RANK; PMIx launchers (srun --mpi=pmix, prterun) PMIX_RANK.
LaunchInfo detect_launch(const Environment& environment);
LaunchInfo detect_launch();  // from the process's environment

}  // namespace dermaflux::parallel
