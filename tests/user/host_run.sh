#!/usr/bin/env bash
# host_run.sh - run a user test program on the host, as the oracle the
# kernel's run of the same binary is compared with.
#
#   host_run.sh BINARY [ARGS...]
#
# The program gets exactly the environment HOME=/ TERM=linux PATH=/bin:/usr/bin
# (in that order), stdin from /dev/null, and BINARY as given as argv[0]. It
# runs natively when the host can execute i386 code, else under qemu-i386
# (HOST_RUN=native or HOST_RUN=qemu forces one). Prints the program's stdout,
# then one status line:
#   === exit N      the program exited with status N
#   === signal S    the program was killed by signal S
# If the program's output does not end in a newline, one is added before the
# status line. The program's stderr goes to stderr.
set -u

if [ $# -lt 1 ]; then
  echo "usage: host_run.sh BINARY [ARGS...]" >&2
  exit 2
fi

ENV_VARS=(HOME=/ TERM=linux PATH=/bin:/usr/bin)
EXEC_FORMAT_ERROR=126      # our launcher's status when execve fails (as bash)
SIGNAL_BASE=128            # bash reports death by signal S as 128+S

out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
ulimit -c 0                # no core files (qemu-user writes them in the cwd)

# The subshells keep bash's own "Segmentation fault" note off stderr: the
# status line says it.

# Native: a plain execve. Not env(1): its execvp runs a file the kernel
# cannot execute as a shell script instead of failing. Python ignores
# SIGPIPE and SIGXFSZ, and ignored signals survive exec: restore them.
run_native() {
  ( python3 -I -S -c '
import os, signal, sys
n = int(sys.argv[1])
env = dict(e.split("=", 1) for e in sys.argv[2:2 + n])
argv = sys.argv[2 + n:]
for sig in (signal.SIGPIPE, signal.SIGXFSZ):
    signal.signal(sig, signal.SIG_DFL)
try:
    os.execve(argv[0], argv, env)
except OSError as e:
    sys.stderr.write(argv[0] + ": " + e.strerror + "\n")
    sys.exit(126)
' "${#ENV_VARS[@]}" "${ENV_VARS[@]}" "$@" <"/dev/null" >"$out" 2>"$err"
    exit $? ) 2>/dev/null
}

# qemu-user hands its own environment to the program in reverse order,
# so it is given the variables reversed.
run_qemu() {
  local qemu reversed=() i
  qemu=$(command -v qemu-i386) || {
    echo "host_run.sh: cannot run i386 code natively and qemu-i386 is missing" \
         "(apt-get install qemu-user)" >&2
    exit 2
  }
  for ((i = ${#ENV_VARS[@]} - 1; i >= 0; i--)); do
    reversed+=("${ENV_VARS[i]}")
  done
  ( env -i "${reversed[@]}" "$qemu" "$@" <"/dev/null" >"$out" 2>"$err"
    exit $? ) 2>/dev/null
}

# "Native" may really be qemu-i386 through binfmt_misc (tools/binfmt_i386.sh):
# then call qemu directly, so the environment order is set right.
binfmt_qemu() {
  local f
  for f in /proc/sys/fs/binfmt_misc/*; do
    [ -f "$f" ] && grep -q '^enabled' "$f" 2>/dev/null &&
      grep -q 'interpreter .*qemu-i386' "$f" 2>/dev/null && return 0
  done
  return 1
}

mode=${HOST_RUN:-auto}
[ "$mode" = auto ] && binfmt_qemu && mode=qemu
if [ "$mode" = qemu ]; then
  run_qemu "$@"
  status=$?
else
  # The probe is the real run: a program that cannot be executed never starts.
  run_native "$@"
  status=$?
  if [ "$mode" = auto ] && [ $status -eq $EXEC_FORMAT_ERROR ] &&
     grep -q "Exec format error" "$err"; then
    mode=qemu
    : >"$err"
    run_qemu "$@"
    status=$?
  fi
fi
# qemu-user's own note on a fatal guest signal is not the program's output.
[ "$mode" = qemu ] && sed -i '/^qemu: uncaught target signal/d' "$err"

cat "$err" >&2
cat "$out"
if [ -s "$out" ] && [ "$(tail -c 1 "$out" | od -An -tx1 | tr -d ' ')" != 0a ]; then
  echo
fi
if [ $status -gt $SIGNAL_BASE ]; then
  echo "=== signal $((status - SIGNAL_BASE))"
else
  echo "=== exit $status"
fi
