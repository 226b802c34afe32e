#!/usr/bin/env bash
# run_unit.sh BIN... - run host unit tests, print one TAP line per test case.
# A binary that dies (sanitizer report, crash) counts as one failed test.
# Exits 1 when any test failed, so that `make unit` fails with it.
set -u
# Real inputs for the tests that read one: the built initramfs and a glibc
# binary. `make unit` and `make test` build them and pass them on; a missing
# one is said by name here (its test fails: it is never silently skipped).
export CPIO_SAMPLE=${CPIO_SAMPLE:-build/initrd.cpio}
export ELF_SAMPLE=${ELF_SAMPLE:-build/user/tests/hello}
for sample in "$CPIO_SAMPLE" "$ELF_SAMPLE"; do
  [ -z "$sample" ] || [ -e "$sample" ] ||
    echo "# sample $sample does not exist: \`make unit\` builds it"
done
failed=0
for bin in "$@"; do
  name=$(basename "$bin")
  out=$(CMOCKA_MESSAGE_OUTPUT=TAP "$bin" 2>&1); rc=$?
  # TAP: "not ok N # SKIP reason" is a skipped test, reported as "skip - ...".
  lines=$(printf '%s\n' "$out" | grep -E '^(not )?ok ' |
    sed -e "s/^not ok [0-9]* # SKIP \(.*\)/skip - $name: \1/" \
        -e "s/^\(\(not \)\?ok\) [0-9]* - /\1 - $name: /")
  [ -z "$lines" ] || printf '%s\n' "$lines"
  printf '%s\n' "$out" | grep -E '^#' || true
  if [ $rc -ne 0 ] && ! printf '%s\n' "$lines" | grep -q '^not ok'; then
    echo "not ok - $name exited with status $rc"
    printf '%s\n' "$out" | tail -20 | sed 's/^/#   /'
    failed=1
  fi
  printf '%s\n' "$lines" | grep -q '^not ok' && failed=1
done
exit $failed
