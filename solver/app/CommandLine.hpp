#pragma once
// The command line's own errors said the way every other error is (README: usage
// errors exit 2 with one `dermaflux: error:` line), not in CLI11's words and
// statuses (105-109 and a second line).

#include <CLI/CLI.hpp>
#include <optional>

namespace dermaflux::app {

// Parses argv into `app`; nullopt when the command should go on, else the exit
// status (0 after --help or --version, kExitBadInput after one error line).
std::optional<int> parse_command_line(CLI::App& app, int argc, char** argv);

// A number of seconds: finite and >= 0 (CLI11's NonNegativeNumber lets "nan" by).
CLI::Validator finite_seconds();
// A folder name that is not empty (`--output=` would else mean the default folder).
CLI::Validator folder_name();

// Descriptors 0, 1 and 2 are open: a closed one gets /dev/null, so that no file the
// run opens takes its number (printf would write into timeseries.csv). IoError when
// standard output was the closed one: what the command prints would be lost.
void guard_standard_streams();

// Everything printed reached standard output: flushed, and no write failed (a
// full disk, `> /dev/full`, a closed descriptor). IoError otherwise.
void check_standard_output();

}  // namespace dermaflux::app
