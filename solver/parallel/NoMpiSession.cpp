// parallel/Session.hpp in builds without MPI (DERMAFLUX_WITH_MPI=OFF): one rank.

#include <string>

#include "core/Error.hpp"
#include "parallel/Launcher.hpp"
#include "parallel/Session.hpp"
#include "parallel/SingleRankMessenger.hpp"

namespace dermaflux::parallel {

void start_mpi_if_launched() {
  const LaunchInfo launch = detect_launch();
  if (launch.slurm_tasks_without_mpi)
    throw UsageError("srun started " + std::to_string(launch.slurm_tasks) + " tasks (" +
                     launch.evidence +
                     ") of a dermaflux built without MPI: each would run the whole command "
                     "alone; run a single task, or rebuild with -DDERMAFLUX_WITH_MPI=ON");
  // mpirun -n 1 of a build without MPI is simply one process; more ranks are not.
  if (launch.by_mpi_launcher && (launch.size > 1 || launch.rank > 0))
    throw UsageError("started by an MPI launcher (" + launch.evidence +
                     ") but built without MPI: each rank would run the whole command alone; "
                     "run without mpirun, or rebuild with -DDERMAFLUX_WITH_MPI=ON "
                     "(Debian: libopenmpi-dev openmpi-bin)");
}

bool mpi_started() {
  return false;
}

Messenger& world() {
  static SingleRankMessenger alone;
  return alone;
}

int ranks_sharing_my_cpus() {
  return 1;
}

int ranks_on_my_node() {
  return 1;
}

core::GlobalSum world_sum() {
  return {};
}

core::GlobalSum world_pieces() {
  return {};
}

}  // namespace dermaflux::parallel
