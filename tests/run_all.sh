#!/usr/bin/env bash
# run_all.sh - every test layer in turn: host unit tests, system tests in
# QEMU, the gdb session. Each layer prints "ok - ..." / "not ok - ..." lines;
# the closing line counts them all: "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
log=build/tests/all.log
mkdir -p build/tests
: > "$log"

layer() {
  echo "== $1"
  shift
  "$@" 2>&1 | tee -a "$log"
}

# The host oracle runs i386 programs (natively, or via qemu-i386 + binfmt_misc).
bash tools/binfmt_i386.sh || echo "warning: the host cannot run i386 programs that exec others"

layer "host unit tests" bash tests/run_unit.sh "$@"
layer "system tests (QEMU)" python3 tests/system/run.py
layer "benchmark smoke" python3 bench/smoke.py
layer "gdb session" bash tests/gdb/run.sh

passed=$(grep -c '^ok ' "$log")
failed=$(grep -c '^not ok ' "$log")
skipped=$(grep -c '^skip ' "$log")
if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
