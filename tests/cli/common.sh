# Helpers the command-line tests share; each test sources this file from its own
# folder: `. "$(dirname "$0")/common.sh"`.

fail() { echo "FAIL: $*" >&2; exit 1; }

# refused PATTERN COMMAND...: COMMAND exits with status 2 (a usage error) and writes
# exactly one line, "dermaflux: error: " followed by PATTERN (a grep regex, anchored
# there: start it with `.*` to match later in the message).
refused() {
  local pattern=$1
  shift
  local status=0
  "$@" > /dev/null 2> err.txt || status=$?
  [ "$status" -eq 2 ] || fail "$*: exit status $status, expected 2: $(cat err.txt)"
  [ "$(wc -l < err.txt)" -eq 1 ] || fail "$*: expected one line: $(cat err.txt)"
  grep -q "^dermaflux: error: $pattern" err.txt || fail "$*: unexpected message: $(cat err.txt)"
}
