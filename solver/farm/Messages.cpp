#include "farm/Messages.hpp"

#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <stdexcept>

namespace dermaflux::farm {
namespace {

const char* end_name(batch::CaseEnd end) {
  switch (end) {
    case batch::CaseEnd::finished:
      return "finished";
    case batch::CaseEnd::failed:
      return "failed";
    case batch::CaseEnd::interrupted:
      return "interrupted";
  }
  return "?";
}

batch::CaseEnd end_named(const std::string& name) {
  if (name == "finished") return batch::CaseEnd::finished;
  if (name == "failed") return batch::CaseEnd::failed;
  if (name == "interrupted") return batch::CaseEnd::interrupted;
  throw std::logic_error("farm message: unknown case end \"" + name + "\"");
}

// The first line of a payload as a stream, and the rest (free text) after it.
std::istringstream first_line(const std::string& payload, std::string& rest) {
  const auto newline = payload.find('\n');
  rest = newline == std::string::npos ? std::string() : payload.substr(newline + 1);
  return std::istringstream(payload.substr(0, newline));
}

}  // namespace

std::string encode(const Readiness& readiness) {
  return std::to_string(readiness.status) + ' ' + std::to_string(readiness.sweep_fingerprint) +
         ' ' + std::to_string(readiness.threads) + '\n' + readiness.error;
}

Readiness decode_readiness(const std::string& payload) {
  Readiness readiness;
  auto fields = first_line(payload, readiness.error);
  if (!(fields >> readiness.status >> readiness.sweep_fingerprint >> readiness.threads))
    throw std::logic_error("farm message: malformed readiness \"" + payload + "\"");
  return readiness;
}

std::string encode(const CaseEnded& ended) {
  return std::to_string(ended.position) + ' ' + end_name(ended.report.end) + '\n' +
         ended.report.failure;
}

CaseEnded decode_case_ended(const std::string& payload) {
  CaseEnded ended;
  std::string end;
  auto fields = first_line(payload, ended.report.failure);
  if (!(fields >> ended.position >> end))
    throw std::logic_error("farm message: malformed case end \"" + payload + "\"");
  ended.report.end = end_named(end);
  return ended;
}

std::string encode_number(std::uint64_t number) {
  return std::to_string(number);
}

std::uint64_t decode_number(const std::string& payload) {
  std::istringstream in(payload);
  std::uint64_t number = 0;
  if (!(in >> number))
    throw std::logic_error("farm message: expected a number, found \"" + payload + "\"");
  return number;
}

void abort_farm(parallel::Messenger& messenger, const std::string& why) {
  std::fprintf(stderr, "dermaflux: internal error on rank %d of %d: %s; ending every rank\n",
               messenger.rank(), messenger.size(), why.c_str());
  std::fflush(stderr);
  messenger.abort(1);
  std::abort();  // not reached: a virtual [[noreturn]] is not one for the compiler
}

}  // namespace dermaflux::farm
