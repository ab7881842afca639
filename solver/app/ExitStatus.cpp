#include "app/ExitStatus.hpp"

#include <cstdio>

#include "core/Error.hpp"

namespace dermaflux::app {

int exit_status_of(const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (const InputError&) {
    return kExitBadInput;
  } catch (const UsageError&) {
    return kExitBadInput;
  } catch (const Interrupted&) {
    return kExitInterrupted;
  } catch (const NumericalError&) {
    return kExitNumericalFailure;
  } catch (const IoError&) {
    return kExitFileError;
  } catch (...) {
    return kExitInternalError;
  }
}

std::string message_of(const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    return e.what();
  } catch (...) {
    return "an exception that is not a std::exception";
  }
}

int report_error(const std::exception_ptr& error) {
  const int status = exit_status_of(error);
  const std::string text = message_of(error);
  const char* message = text.c_str();
  if (status == kExitInterrupted)
    std::fprintf(stderr, "\ndermaflux: %s\n", message);
  else if (status == kExitInternalError)
    std::fprintf(stderr, "dermaflux: internal error: %s\n", message);
  else
    std::fprintf(stderr, "dermaflux: error: %s\n", message);
  return status;
}

}  // namespace dermaflux::app
