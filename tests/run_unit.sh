#!/usr/bin/env bash
# run_unit.sh BIN... - run host unit tests, print one TAP line per test case.
# A binary that dies (sanitizer report, crash) counts as one failed test.
set -u
# Real inputs for the tests that read one: the built initramfs and a glibc binary.
export CPIO_SAMPLE=${CPIO_SAMPLE:-build/initrd.cpio}
export ELF_SAMPLE=${ELF_SAMPLE:-build/user/tests/hello}
for bin in "$@"; do
  name=$(basename "$bin")
  out=$(CMOCKA_MESSAGE_OUTPUT=TAP "$bin" 2>&1); rc=$?
  # TAP: "not ok N # SKIP reason" is a skipped test, reported as "skip - ...".
  printf '%s\n' "$out" | grep -E '^(not )?ok ' |
    sed -e "s/^not ok [0-9]* # SKIP \(.*\)/skip - $name: \1/" \
        -e "s/^\(\(not \)\?ok\) [0-9]* - /\1 - $name: /"
  printf '%s\n' "$out" | grep -E '^#' || true
  if [ $rc -ne 0 ] && ! printf '%s\n' "$out" | grep -q '^not ok'; then
    echo "not ok - $name exited with status $rc"
    printf '%s\n' "$out" | tail -20 | sed 's/^/#   /'
  fi
done
