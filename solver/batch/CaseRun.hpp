#pragma once
// One case of a batch, run the same way by every batch driver (the job threads of
// `dermaflux batch`, and each rank of the MPI task farm): into its own folder,
// resumed from a checkpoint an interrupted batch left there, and its failure
// caught and described rather than thrown, so the other cases go on.

#include <string>

#include "batch/BatchRunner.hpp"

namespace dermaflux::batch {

enum class CaseEnd { finished, failed, interrupted };

struct CaseReport {
  CaseEnd end = CaseEnd::finished;
  std::string failure;  // "<folder>: <message>" when failed
};

CaseReport run_one(const BatchCase& item, const BatchOptions& options);

}  // namespace dermaflux::batch
