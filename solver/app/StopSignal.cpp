#include "app/StopSignal.hpp"

#include <unistd.h>

#include <csignal>

namespace dermaflux::app {
namespace {

volatile std::sig_atomic_t g_stop_signal = 0;
volatile std::sig_atomic_t g_setting_up = 1;

extern "C" void on_stop_signal(int signal) {
  if (g_setting_up) {  // only async-signal-safe calls here
    static const char kText[] =
        "\ndermaflux: stopped during set-up, before the first step of a run (no checkpoint: "
        "the same command starts that run anew)\n";
    const ssize_t ignored = ::write(STDERR_FILENO, kText, sizeof kText - 1);
    (void)ignored;
    ::_exit(130);  // app/ExitStatus.hpp: kExitInterrupted
  }
  g_stop_signal = signal;
  std::signal(signal, SIG_DFL);  // a second Ctrl-C ends the process immediately
}

}  // namespace

void install_stop_handlers() {
  std::signal(SIGINT, on_stop_signal);
  std::signal(SIGTERM, on_stop_signal);
  std::signal(SIGUSR1, on_stop_signal);
}

bool stop_requested() {
  g_setting_up = 0;
  return g_stop_signal != 0;
}

void begin_set_up() {
  if (g_stop_signal == 0) g_setting_up = 1;
}
int stop_signal() {
  return g_stop_signal;
}

}  // namespace dermaflux::app
