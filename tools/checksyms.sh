#!/usr/bin/env bash
# checksyms.sh PASS1 FINAL - the two link passes must place every function
# at the same address, or the symbol table would lie.
set -euo pipefail
a=$(nm -n --defined-only "$1" | awk '$2 ~ /^[Tt]$/ && $3 !~ /^ksyms_/')
b=$(nm -n --defined-only "$2" | awk '$2 ~ /^[Tt]$/ && $3 !~ /^ksyms_/')
if [ "$a" != "$b" ]; then
  echo "checksyms: functions moved between link passes; fix linker.ld" >&2
  exit 1
fi
