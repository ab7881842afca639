#include "linear/HypreRuntime.hpp"

#include <HYPRE_utilities.h>
#include <mpi.h>

#include "core/Error.hpp"

namespace dermaflux::linear {
namespace {

// Constructed on first use, destroyed after main() returns. It finalises only what
// it started: a program that initialised MPI itself also finalises it.
class Runtime {
 public:
  Runtime() {
    int initialised = 0;
    MPI_Initialized(&initialised);
    if (!initialised) {
      int provided = 0;
      // Funneled: OpenMP threads run around the hypre calls, never inside MPI.
      if (MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS)
        throw NumericalError("the hypre backend could not initialise MPI");
      owns_mpi_ = true;
    }
    HYPRE_Init();
  }
  ~Runtime() {
    HYPRE_Finalize();
    int finalised = 0;
    MPI_Finalized(&finalised);
    if (owns_mpi_ && !finalised) MPI_Finalize();
  }
  Runtime(const Runtime&) = delete;
  Runtime& operator=(const Runtime&) = delete;

 private:
  bool owns_mpi_ = false;
};

}  // namespace

void ensure_hypre_runtime() {
  static const Runtime runtime;
}

}  // namespace dermaflux::linear
