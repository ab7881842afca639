#include "app/CommandLine.hpp"

#include <fcntl.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <system_error>

#include "app/ExitStatus.hpp"
#include "core/Error.hpp"

namespace dermaflux::app {

std::optional<int> parse_command_line(CLI::App& app, int argc, char** argv) {
  try {
    app.parse(argc, argv);
    return std::nullopt;
  } catch (const CLI::Success& help_or_version) {
    return app.exit(help_or_version);
  } catch (const CLI::ParseError& error) {
    std::string text = error.what();
    for (char& ch : text)
      if (ch == '\n') ch = ' ';
    // The subcommand named so far, for the help that applies.
    if (argc > 1 && argv[1][0] != '-' && app.get_subcommands().empty()) {
      text = "unknown command \"" + std::string(argv[1]) + "\": the commands are";
      for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; }))
        text += " " + sub->get_name();
    }
    std::string command = "dermaflux";
    for (const CLI::App* sub : app.get_subcommands()) command += " " + sub->get_name();
    std::fprintf(stderr, "dermaflux: error: %s (see %s --help)\n", text.c_str(), command.c_str());
    return kExitBadInput;
  }
}

CLI::Validator finite_seconds() {
  return CLI::Validator(
      [](std::string& text) {
        char* end = nullptr;
        const double seconds = std::strtod(text.c_str(), &end);
        if (end == text.c_str() || *end != '\0' || !std::isfinite(seconds) || seconds < 0.0)
          return "expects a number of seconds, 0 or more, found \"" + text + "\"";
        return std::string();
      },
      "SECONDS>=0");
}

CLI::Validator folder_name() {
  return CLI::Validator(
      [](std::string& text) {
        return text.empty() ? std::string("expects a folder, found nothing") : std::string();
      },
      "FOLDER");
}

void guard_standard_streams() {
  bool output_closed = false;
  for (int descriptor = 0; descriptor <= 2; ++descriptor) {
    if (fcntl(descriptor, F_GETFD) != -1 || errno != EBADF) continue;
    // open() takes the lowest free number: this one.
    if (open("/dev/null", descriptor == 0 ? O_RDONLY : O_WRONLY) != descriptor) continue;
    output_closed = output_closed || descriptor == 1;
  }
  if (output_closed)
    throw IoError(
        "standard output is closed: what dermaflux prints would be lost (send it "
        "to a file, or to /dev/null)");
}

void check_standard_output() {
  errno = 0;
  std::cout.flush();
  const bool failed = std::fflush(stdout) != 0 || std::ferror(stdout) || !std::cout;
  if (!failed) return;
  const int error_number = errno;
  throw IoError("cannot write to standard output: " +
                (error_number != 0 ? std::generic_category().message(error_number)
                                   : std::string("the write failed")));
}

}  // namespace dermaflux::app
