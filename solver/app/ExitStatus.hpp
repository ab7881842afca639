#pragma once
// The exit statuses of `dermaflux` and the one place that turns an error into its
// line on standard error and its status.

#include <exception>
#include <string>

namespace dermaflux::app {

inline constexpr int kExitSuccess = 0;
inline constexpr int kExitInternalError = 1;
inline constexpr int kExitBadInput = 2;  // also bad usage
inline constexpr int kExitNumericalFailure = 3;
inline constexpr int kExitFileError = 4;
inline constexpr int kExitSomeCasesFailed = 5;  // batch: the other cases ran
inline constexpr int kExitInterrupted = 130;    // checkpoint written

// The status an error ends the program with.
int exit_status_of(const std::exception_ptr& error);
// The error's message alone (what() of a std::exception).
std::string message_of(const std::exception_ptr& error);
// Prints the error as one line on standard error; returns its status.
int report_error(const std::exception_ptr& error);

}  // namespace dermaflux::app
