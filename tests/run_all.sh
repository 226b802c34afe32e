#!/usr/bin/env bash
# run_all.sh - every test layer in turn: the build set-up, the generated
# system-call table and the Linux ABI folder, host unit tests, a short run
# of the host fuzzers, system tests in QEMU, the gdb session. Each layer prints "ok - ..." /
# "not ok - ..." lines; the closing line counts them all: "N passed, N
# failed". A layer that exits non-zero without a "not ok" line of its own
# (a crash, a traceback) gets one here. Exits 1 when anything failed.
set -u
cd "$(dirname "$0")/.."
log=build/tests/all.log
mkdir -p build/tests
: > "$log"

layer() {
  local name=$1 rc one=build/tests/layer.log
  shift
  echo "== $name"
  "$@" 2>&1 | tee "$one"
  rc=${PIPESTATUS[0]}
  cat "$one" >> "$log"
  if [ "$rc" -ne 0 ] && ! grep -q '^not ok ' "$one"; then
    echo "not ok - $name: exited with status $rc and named no failing check" | tee -a "$log"
  fi
}

# The host oracle runs i386 programs (natively, or via qemu-i386 + binfmt_misc).
bash tools/binfmt_i386.sh || echo "warning: the host cannot run i386 programs that exec others"

layer "build set-up" bash tests/setup/run.sh
layer "system-call table" python3 tests/build/test_syscall_table.py
layer "Linux ABI folder" python3 tests/build/test_uapi.py
layer "host unit tests" bash tests/run_unit.sh "$@"
layer "host fuzzing (short)" bash tests/fuzz/run.sh "${FUZZ_SHORT_SECONDS:-20}" build
layer "system tests (QEMU)" python3 tests/system/run.py
layer "busybox suite (guest vs host)" python3 tests/system/busybox_suite.py
layer "the console, typed at (pexpect)" python3 tests/system/interactive.py
layer "the VGA screen and keyboard" python3 tests/system/vga_console.py
layer "ports (QEMU)" python3 tests/ports/run.py
layer "dynamic Debian programs (QEMU)" python3 tests/ports/run.py dyn
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
