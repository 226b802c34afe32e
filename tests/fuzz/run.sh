#!/usr/bin/env bash
# run.sh SECONDS BUILD - the host fuzzers (libFuzzer, built by
# tests/fuzz/fuzz.mk into BUILD/fuzz): first every regression input under
# tests/fuzz/regress/NAME once, then SECONDS of fuzzing per parser from
# the seeds (BUILD/fuzz/seeds/NAME) and the corpus kept from earlier runs
# (BUILD/fuzz/corpus/NAME). One "ok - ..." / "not ok - ..." line per
# parser and step, with the executions counted; a crash leaves its input
# as BUILD/fuzz/crash-NAME-* (copy it into tests/fuzz/regress/NAME once
# fixed). `make fuzz` runs it for 600 s each, `make test` for 20 s.
set -u
cd "$(dirname "$0")/../.." || exit 1
secs=$1 build=$2
failed=0

report() {  # OK? NAME [WHY]
  if [ "$1" = 0 ]; then echo "ok - $2"
  else echo "not ok - $2${3:+  # $3}"; failed=1; fi
}

# Every kept input once: each was a crash, each must pass now.
regress() {  # NAME
  local dir=tests/fuzz/regress/$1 log=$build/fuzz/$1-regress-${secs}s.log n
  n=$(find "$dir" -type f 2>/dev/null | wc -l)
  [ "$n" -gt 0 ] || return 0
  "$build/fuzz/fuzz_$1" -runs=1 "$dir"/* > "$log" 2>&1
  report $? "host fuzz $1: the $n regression inputs of tests/fuzz/regress/$1 pass" "$(tail -5 "$log" | tr '\n' ' ')"
}

fuzz() {  # NAME
  local corpus=$build/fuzz/corpus/$1 log=$build/fuzz/$1-${secs}s.log execs
  mkdir -p "$corpus"
  # -rss_limit_mb: the ASan build of a 4 KiB input never needs more;
  # -max_len: a multiboot2 block or an ELF head fits, and a 64 KiB cpio.
  "$build/fuzz/fuzz_$1" -max_total_time="$secs" -print_final_stats=1 -max_len=65536 \
    -rss_limit_mb=1024 -artifact_prefix="$build/fuzz/crash-$1-" \
    "$corpus" "$build/fuzz/seeds/$1" > "$log" 2>&1
  local rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  report $rc "host fuzz $1: ${execs:-?} executions in ${secs} s, no crash or sanitizer report" \
    "$(grep -m3 -E 'ERROR|SUMMARY|deadly' "$log" | tr '\n' ' ') (log $log)"
}

for name in elf cpio mb2; do
  regress "$name"
  fuzz "$name"
done
exit $failed
