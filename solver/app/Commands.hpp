#pragma once
// The subcommands of the `dermaflux` program. Each returns the exit status;
// errors propagate as dermaflux::Error to main(), which prints them once.

#include <filesystem>
#include <string>

namespace dermaflux::app {

struct RunArguments {
  std::filesystem::path case_file;
  std::filesystem::path output_dir;  // empty: the case's output.directory
  int threads = 0;                   // 0: OpenMP's default
  bool quiet = false;
};

int run_command(const RunArguments& arguments);
int check_command(const std::filesystem::path& case_file);

}  // namespace dermaflux::app
