#!/usr/bin/env bash
# Runs a command under a private, headless X server (Xvfb), as CI has no display.
#
#   tests/paraview/with_xvfb.sh COMMAND [ARGS...]
#
# CI saw "bad X server connection" now and then under `xvfb-run -a` and under a
# plain Xvfb. The likely cause: an X server resets when its last client
# disconnects, and pvbatch opens a connection to probe OpenGL, closes it, then
# opens another; on a loaded machine the second one meets the reset and is
# refused. So: -noreset; Xvfb picks its own free display (-displayfd, no guessing
# from lock files) and says which; and should the display still fail the command
# (the message, or a dead server), a fresh server and the command again, up to
# three times. The command's own failures are never retried.
set -u

start_server() {
  local fifo
  fifo=$(mktemp -u) && mkfifo "$fifo" || return 1
  Xvfb -displayfd 3 -nolisten tcp -noreset -screen 0 1600x1200x24 3>"$fifo" 2>"$log" &
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

# Alive and not a zombie (an unreaped child that exited still answers kill -0).
server_alive() {
  local state
  state=$(awk '{print $3}' "/proc/$server/stat" 2>/dev/null) || return 1
  [ -n "$state" ] && [ "$state" != Z ]
}

log=$(mktemp)
output=$(mktemp)
trap 'stop_server; rm -f "$log" "$output"' EXIT
status=1
for attempt in 1 2 3; do
  if ! start_server; then
    echo "with_xvfb: Xvfb did not start (attempt $attempt):" >&2
    cat "$log" >&2
    continue
  fi
  "$@" 2>&1 | tee "$output"
  status=${PIPESTATUS[0]}
  [ "$status" -eq 0 ] && exit 0
  # Retried only when the display failed the command, never for its own failures.
  if server_alive && ! grep -q "bad X server connection" "$output"; then
    exit "$status"
  fi
  echo "with_xvfb: the X server failed the command (attempt $attempt); Xvfb said:" >&2
  cat "$log" >&2
  stop_server
done
exit "$status"
