#pragma once
// The task farm's messages between rank 0 (the coordinator) and the other ranks
// (workers), by tag, and their payloads: short text, so a message reads the same
// in a debugger as here.
//
//   start    worker -> 0  kReady      "<status> <sweep fingerprint> <threads>\n<error>"
//            0 -> worker  kGo         "<status>": 0 to run, else leave with it
//   cases    worker -> 0  kWantCase   one of its job threads is idle
//            0 -> worker  kCase       "<position in the case list>" for that thread
//            0 -> worker  kNoCase     that thread ends: no case left, or stopping
//            worker -> 0  kCaseEnded  "<position> <finished|failed|interrupted>\n<failure>"
//   stop     worker -> 0  kStopping   a signal reached this rank
//            0 -> worker  kStop       checkpoint the running cases and end
//   end      worker -> 0  kDone       every job thread of this rank has ended
//            0 -> worker  kExit       "<exit status>" of the whole command
//
// Messages between two ranks arrive in sending order, so a worker's kCaseEnded
// always reaches rank 0 before that rank's kDone.

#include <cstddef>
#include <cstdint>
#include <string>

#include "batch/CaseRun.hpp"
#include "parallel/Messenger.hpp"

namespace dermaflux::farm {

enum Tag : int {
  kReady = 1,
  kGo,
  kWantCase,
  kCase,
  kNoCase,
  kCaseEnded,
  kStopping,
  kStop,
  kDone,
  kExit,
};

struct Readiness {
  int status = 0;  // 0: read the sweep; else the exit status its error maps to
  std::uint64_t sweep_fingerprint = 0;
  int threads = 1;    // OpenMP threads per job on that rank, for the start line
  std::string error;  // the error's message when status != 0
};
std::string encode(const Readiness& readiness);
Readiness decode_readiness(const std::string& payload);

struct CaseEnded {
  std::size_t position = 0;  // in the case list every rank read
  batch::CaseReport report;
};
std::string encode(const CaseEnded& ended);
CaseEnded decode_case_ended(const std::string& payload);

// A whole number sent alone (kGo, kCase, kExit).
std::string encode_number(std::uint64_t number);
std::uint64_t decode_number(const std::string& payload);

// A message that breaks the protocol above is a bug, and the ranks waiting for
// this one would wait forever: print it and end every rank of the job at once.
[[noreturn]] void abort_farm(parallel::Messenger& messenger, const std::string& why);

}  // namespace dermaflux::farm
