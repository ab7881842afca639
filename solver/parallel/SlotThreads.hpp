#pragma once
// How many OpenMP threads one rank of a task farm uses: the cores of its slot.
//
//  1. OMP_NUM_THREADS, when set: the user (or the job script) decided;
//  2. otherwise the CPUs this process may run on (its affinity mask: what
//     `mpirun --bind-to core --map-by slot:PE=T`, or Slurm's --cpus-per-task with
//     task binding, gave it), shared out between the ranks of this node that were
//     given the very same CPUs: unbound ranks all see the whole node, and P of
//     them on C cores get C / P threads each (at least 1) rather than C each.
//
// `dermaflux batch --threads N` overrides both (BatchCommand).

namespace dermaflux::parallel {

// The CPUs in this process's affinity mask (at least 1).
int cpus_in_affinity_mask();

// The rule above; `ranks_sharing_cpus` from ranks_sharing_my_cpus().
int slot_threads(int ranks_sharing_cpus);

}  // namespace dermaflux::parallel
