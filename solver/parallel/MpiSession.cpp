// parallel/Session.hpp in builds with MPI.

#include <mpi.h>
#include <sched.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/Error.hpp"
#include "parallel/Launcher.hpp"
#include "parallel/MpiMessenger.hpp"
#include "parallel/Session.hpp"
#include "parallel/SingleRankMessenger.hpp"

namespace dermaflux::parallel {
namespace {

// MPI from start_mpi_if_launched() to the end of the process. A function-local
// static, constructed in main() before anything can construct hypre's runtime, so
// it is destroyed after it: hypre finalises before MPI does.
class MpiRuntime {
 public:
  MpiRuntime() {
    int initialised = 0;
    MPI_Initialized(&initialised);
    if (!initialised) {
      // The farm's own messages all go through the main thread (FUNNELED would do),
      // but a case on the hypre backend calls MPI (on MPI_COMM_SELF) from the job
      // thread that runs it while the main thread may be talking to rank 0: two
      // threads inside MPI at once, which only MPI_THREAD_MULTIPLE allows. The
      // farm sends a few short messages per case, so its locking costs nothing.
      int provided = 0;
      MPI_Init_thread(nullptr, nullptr, MPI_THREAD_MULTIPLE, &provided);
      owns_mpi_ = true;
    }
    // A communicator of our own: the farm's tags never meet anyone else's messages.
    MPI_Comm_dup(MPI_COMM_WORLD, &communicator_);
    messenger_ = std::make_unique<MpiMessenger>(communicator_);
  }
  ~MpiRuntime() {
    int finalised = 0;
    MPI_Finalized(&finalised);
    if (finalised) return;  // somebody else ended MPI; nothing of ours can be freed
    messenger_.reset();     // waits for the last sends
    MPI_Comm_free(&communicator_);
    if (owns_mpi_) MPI_Finalize();
  }
  MpiRuntime(const MpiRuntime&) = delete;
  MpiRuntime& operator=(const MpiRuntime&) = delete;

  MPI_Comm communicator() const { return communicator_; }
  Messenger& messenger() { return *messenger_; }

 private:
  bool owns_mpi_ = false;
  MPI_Comm communicator_ = MPI_COMM_NULL;
  std::unique_ptr<MpiMessenger> messenger_;
};

MpiRuntime* g_runtime = nullptr;

MpiRuntime& start_runtime() {
  static MpiRuntime runtime;
  return runtime;
}

// A colour for MPI_Comm_split that is equal for equal CPU sets.
int colour_of_my_cpus() {
  cpu_set_t cpus;
  CPU_ZERO(&cpus);
  if (sched_getaffinity(0, sizeof cpus, &cpus) != 0) return 0;
  std::uint64_t hash = 1469598103934665603ull;  // FNV-1a over the CPU numbers
  for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu) {
    if (!CPU_ISSET(cpu, &cpus)) continue;
    hash = (hash ^ static_cast<std::uint64_t>(cpu)) * 1099511628211ull;
  }
  return static_cast<int>(hash & 0x3fffffff);  // MPI colours are non-negative ints
}

}  // namespace

void start_mpi_if_launched() {
  const LaunchInfo launch = detect_launch();
  if (launch.slurm_tasks_without_mpi)
    throw UsageError("srun started " + std::to_string(launch.slurm_tasks) +
                     " tasks without an MPI process-manager interface (" + launch.evidence +
                     ", no PMI or PMIx variables): each would run the whole command alone; "
                     "use srun --mpi=pmix (or --mpi=pmi2), or a single task");
  if (!launch.by_mpi_launcher || g_runtime != nullptr) return;
  g_runtime = &start_runtime();
}

bool mpi_started() {
  return g_runtime != nullptr;
}

Messenger& world() {
  static SingleRankMessenger alone;
  return g_runtime != nullptr ? g_runtime->messenger() : alone;
}

namespace {

// The ranks on this node (sharing its memory), as a communicator the caller frees.
MPI_Comm node_communicator() {
  MPI_Comm node = MPI_COMM_NULL;
  MPI_Comm_split_type(g_runtime->communicator(), MPI_COMM_TYPE_SHARED, 0, MPI_INFO_NULL, &node);
  return node;
}

}  // namespace

int ranks_sharing_my_cpus() {
  if (g_runtime == nullptr) return 1;
  MPI_Comm node = node_communicator(), same_cpus = MPI_COMM_NULL;
  MPI_Comm_split(node, colour_of_my_cpus(), 0, &same_cpus);
  int sharing = 1;
  MPI_Comm_size(same_cpus, &sharing);
  MPI_Comm_free(&same_cpus);
  MPI_Comm_free(&node);
  return sharing;
}

int ranks_on_my_node() {
  if (g_runtime == nullptr) return 1;
  MPI_Comm node = node_communicator();
  int ranks = 1;
  MPI_Comm_size(node, &ranks);
  MPI_Comm_free(&node);
  return ranks;
}

core::GlobalSum world_sum() {
  if (g_runtime == nullptr) return {};
  const MPI_Comm comm = g_runtime->communicator();
  return [comm](std::span<double> values) {
    int ranks = 1;
    MPI_Comm_size(comm, &ranks);
    const int count = static_cast<int>(values.size());
    std::vector<double> all(values.size() * static_cast<std::size_t>(ranks));
    MPI_Allgather(values.data(), count, MPI_DOUBLE, all.data(), count, MPI_DOUBLE, comm);
    for (int v = 0; v < count; ++v) {
      double sum = 0.0;
      for (int r = 0; r < ranks; ++r) sum += all[static_cast<std::size_t>(r) * values.size() + v];
      values[static_cast<std::size_t>(v)] = sum;
    }
  };
}

core::GlobalSum world_pieces() {
  if (g_runtime == nullptr) return {};
  const MPI_Comm comm = g_runtime->communicator();
  return [comm](std::span<double> values) {
    MPI_Allreduce(MPI_IN_PLACE, values.data(), static_cast<int>(values.size()), MPI_DOUBLE, MPI_SUM,
                  comm);
  };
}

}  // namespace dermaflux::parallel
