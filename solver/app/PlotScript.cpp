#include "app/PlotScript.hpp"

#include <spawn.h>
#include <sys/wait.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "core/Error.hpp"

extern char** environ;

namespace dermaflux::app {
namespace {

std::string from_environment(const char* name, const char* fallback) {
  const char* value = std::getenv(name);
  return value && *value ? value : fallback;
}

}  // namespace

void run_plot_script(const std::vector<std::string>& arguments) {
  run_python_script(from_environment("DERMAFLUX_PLOTS", DERMAFLUX_PLOTS_SCRIPT), arguments,
                    "the plots", "python3 and python3-matplotlib");
}

void run_python_script(const std::string& script, const std::vector<std::string>& arguments,
                       const std::string& purpose, const std::string& packages) {
  // Debian's interpreter: the first python3 on PATH may be another one that does
  // not see python3-matplotlib.
  const std::string python = from_environment("DERMAFLUX_PYTHON", "/usr/bin/python3");
  std::vector<std::string> words{python, script};
  words.insert(words.end(), arguments.begin(), arguments.end());
  std::vector<char*> argv;
  for (auto& word : words) argv.push_back(word.data());
  argv.push_back(nullptr);

  pid_t pid = 0;
  const int error = posix_spawn(&pid, python.c_str(), nullptr, nullptr, argv.data(), environ);
  if (error != 0)
    throw IoError("cannot start " + python + " for " + purpose + ": " + std::strerror(error) +
                  " (install the Debian packages " + packages + ")");
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  // Status 2: the script refused its input (a malformed measured.csv, say) and has
  // printed where; pointing at missing packages would send the user the wrong way.
  if (WIFEXITED(status) && WEXITSTATUS(status) == 2)
    throw UsageError(purpose + " was not written: see the message above");
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw IoError("the script for " + purpose + ", " + script +
                  ", failed (are the Debian packages " + packages +
                  " installed? see the message above)");
}

}  // namespace dermaflux::app
