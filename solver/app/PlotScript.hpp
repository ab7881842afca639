#pragma once
// Running the plotting script (solver/app/plots/dermaflux_plots.py) with Debian's
// python3 and matplotlib. The interpreter and the script can be overridden with
// DERMAFLUX_PYTHON and DERMAFLUX_PLOTS.

#include <string>
#include <vector>

namespace dermaflux::app {

// Runs the script with `arguments`; throws IoError when it cannot be started or fails.
void run_plot_script(const std::vector<std::string>& arguments);

// Runs `script` with Debian's python3 (or DERMAFLUX_PYTHON) and `arguments`; `purpose`
// ("the plots") and `packages` (the Debian packages it needs) go into the errors.
void run_python_script(const std::string& script, const std::vector<std::string>& arguments,
                       const std::string& purpose, const std::string& packages);

}  // namespace dermaflux::app
