#pragma once
// The subcommands of the `dermaflux` program. Each returns the exit status;
// errors propagate as dermaflux::Error to main(), which prints them once.

#include <filesystem>
#include <string>
#include <vector>

namespace dermaflux::app {

struct RunArguments {
  std::filesystem::path case_file;
  std::filesystem::path output_dir;  // empty: the case's output.directory
  int threads = 0;                   // 0: OpenMP's default
  bool quiet = false;
  bool resume = false;     // continue from the output folder's checkpoint
  bool overwrite = false;  // replace a finished run of a different case
  double checkpoint_interval_s = 300.0;
  std::string until;               // "<time>": stop early, e.g. "2 h" (empty: time.end)
  std::string decomposition;       // under mpirun: ranks along x, y, z, "2x2x1" (empty: chosen)
  std::string command_line;        // as typed, for the INTERRUPTED marker
  bool report = false;             // --report: report.html in the output folder at the end
  std::filesystem::path measured;  // --measured: checked, copied as measured.csv
};

int run_command(const RunArguments& arguments);
int check_command(const std::filesystem::path& case_file);
int plot_command(const std::filesystem::path& output_dir);

struct CompareArguments {
  std::filesystem::path case_file;
  std::vector<std::filesystem::path> serum_files;
  std::filesystem::path output_dir;  // empty: <the case's output.directory>-compare
  int threads = 0;
  bool quiet = false;
  bool same_skin = false;    // reuse the layer values the case gives for every serum
  bool report = true;        // report.html in the output folder (--no-report: none)
  std::string command_line;  // as typed: the report's provenance, how to continue after a stop
  std::filesystem::path measured;  // --measured: checked, copied as measured.csv
};
int compare_command(const CompareArguments& arguments);

struct BatchArguments {
  std::filesystem::path sweep_file;
  std::filesystem::path output_dir;  // empty: the sweep's output
  int jobs = 1;
  int threads = 0;
  std::string shard;  // "I/N", empty: all cases
  bool quiet = false;
  bool report = true;        // report.html in the output folder (--no-report: none)
  std::string command_line;  // as typed, for the report's provenance
};
// Exit status 5 when some cases failed (the others still ran).
int batch_command(const BatchArguments& arguments);

struct FitArguments {
  std::filesystem::path fit_file;
  std::filesystem::path output_dir;  // empty: the fit file's output
  int jobs = 1;                      // runs of one Jacobian at once
  int threads = 0;
  bool quiet = false;
};
int fit_command(const FitArguments& arguments);

}  // namespace dermaflux::app
