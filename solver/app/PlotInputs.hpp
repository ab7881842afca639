#pragma once
// What `dermaflux plot` checks before it starts the plotting script: a finished
// run's folder, and CSV files whole (a copy cut short would end the script in a
// Python traceback).

#include <filesystem>

namespace dermaflux::app {

// UsageError when `folder` holds no finished run (none, interrupted, failed or
// still going); IoError naming the file and line when a CSV file is cut short.
void check_plot_inputs(const std::filesystem::path& folder);

// IoError when `file` (a CSV the run wrote) has a line with another number of
// fields than its header, or no final newline (a copy cut short).
void check_csv_whole(const std::filesystem::path& file);

}  // namespace dermaflux::app
