#!/usr/bin/env bash
# Runs a command under a private, headless X server (Xvfb), as CI has no display.
#
#   tests/paraview/with_xvfb.sh COMMAND [ARGS...]
#
# Why not `xvfb-run -a`: it guesses a free display from lock files, and a stale
# socket or a server another job started on the same guess (CI saw ":99: bad X
# server connection") makes the command fail for a reason that has nothing to do
# with what it tests. Here Xvfb picks its own free display (-displayfd) and tells
# us which; the command runs only once the server answers. A server that dies
# under the command (seen on loaded machines) is restarted once and the command
# run again; the command's own failures are never retried.
set -u

start_server() {
  local fifo
  fifo=$(mktemp -u) && mkfifo "$fifo" || return 1
  Xvfb -displayfd 3 -nolisten tcp -screen 0 1600x1200x24 3>"$fifo" 2>"$log" &
  server=$!
  # The display number arrives on the fifo once the server listens.
  if ! read -r -t 30 number <"$fifo"; then
    rm -f "$fifo"
    kill "$server" 2>/dev/null
    return 1
  fi
  rm -f "$fifo"
  export DISPLAY=":$number"
}

stop_server() {
  kill "$server" 2>/dev/null
  wait "$server" 2>/dev/null
}

log=$(mktemp)
trap 'stop_server; rm -f "$log"' EXIT
status=1
for attempt in 1 2; do
  if ! start_server; then
    echo "with_xvfb: Xvfb did not start (attempt $attempt):" >&2
    cat "$log" >&2
    continue
  fi
  "$@"
  status=$?
  if kill -0 "$server" 2>/dev/null; then
    exit "$status"  # the server was there all along: the command's answer stands
  fi
  echo "with_xvfb: the X server died under the command (attempt $attempt):" >&2
  cat "$log" >&2
  wait "$server" 2>/dev/null
done
exit "$status"
