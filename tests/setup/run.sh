#!/usr/bin/env bash
# run.sh - the build set-up layer of `make test`: what the README's two
# commands rely on when a machine lacks the project's packages. Prints
# "ok - setup: ..." / "not ok - setup: ..." lines; exits 1 if any failed.
#
# A machine without a package is played, never made: tools/setup.sh looks
# for commands in $SETUP_PATH and for files under $SETUP_ROOT, and each check
# builds those from symlinks to what this machine has, minus one package.
# Nothing is installed or removed.
set -u
cd "$(dirname "$0")/../.." || exit 1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/setup-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
failed=0
# The make runs below are make's own, not jobs of the `make test` around us.
submake() { env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make --no-print-directory "$@"; }

report() {  # OK? NAME [WHY]
  if [ "$1" = 0 ]; then echo "ok - setup: $2"
  else echo "not ok - setup: $2${3:+  # $3}"; failed=1; fi
}

# ---- the kernel links with the 32-bit libgcc ----------------------------

# The archive the link map says was loaded as libgcc, for MAP.
libgcc_in_map() { sed -n 's/^LOAD \(.*libgcc\.a\)$/\1/p' "$1" | head -1; }

# The kernel link (build/kernel.map, which `make test` makes) loaded an
# i386 libgcc.a, and any member the kernel pulled from a libgcc came from it.
check_link_libgcc() {
  local map=build/kernel.map lib why=""
  lib=$(libgcc_in_map "$map" 2>/dev/null)
  if [ -z "$lib" ]; then why="$map loads no libgcc.a (or is missing)"
  elif objdump -f "$lib" | grep -q 'file format elf64'; then why="$map loads $lib, which holds 64-bit objects"
  elif ! objdump -f "$lib" | grep -q 'file format elf32-i386'; then why="$map loads $lib, not an i386 archive"
  elif grep -o '^[^ ]*libgcc\.a(' "$map" | grep -qvF "$lib("; then why="$map pulls members from another libgcc.a"
  fi
  report "$([ -z "$why" ]; echo $?)" "the kernel links with the 32-bit libgcc ($lib)" "$why"
}

# ---- regression: libgcc_chosen_before_setup ------------------------------
# The Makefile asked `gcc -m32 -print-libgcc-file-name` while make parsed
# it, before tools/setup.sh (a prerequisite, so later) installed
# gcc-multilib: on a fresh machine gcc named its 64-bit libgcc and the first
# `make test` failed to link (__udivdi3). Now nothing at parse time may run
# a packaged tool: every one is a logging wrapper while make parses
# (make -n runs no recipe, only the parse-time $(shell ...)).
check_parse_runs_no_tool() {
  local bin=$tmp/wrap log=$tmp/wrap.log t real
  mkdir -p "$bin"; : > "$log"
  for t in $(awk '$2 == "cmd" {print $3}' "$tmp/list") as ar objdump strip; do
    real=$(command -v "$t") || continue
    printf '#!/bin/sh\necho "%s $*" >> %s\nexec %s "$@"\n' "$t" "$log" "$real" > "$bin/$t"
    chmod +x "$bin/$t"
  done
  PATH=$bin:$PATH submake -n help BUILD="$tmp/parse" >/dev/null 2>&1
  report "$([ ! -s "$log" ]; echo $?)" \
    "libgcc_chosen_before_setup: parsing the Makefile runs no packaged tool" \
    "parse ran: $(tr '\n' ';' < "$log")"
}

# ---- each package: named when missing, used by the build -----------------

# setup.sh's table, resolved: "PACKAGE KIND TARGET NEEDED-BY" lines.
bash tools/setup.sh --list > "$tmp/list"

# A copy of this machine at $tmp/all: all/bin and all/root hold symlinks to
# what every package in the table provides here.
make_fake_machine() {
  local pkg kind target need d=$tmp/all
  mkdir -p "$d/bin" "$d/root"
  while read -r pkg kind target need; do
    case $kind in
      cmd) ln -sf "$(command -v "$target")" "$d/bin/$target" ;;
      *) mkdir -p "$d/root$(dirname "$target")"; ln -sf "$target" "$d/root$target" ;;
    esac
  done < "$tmp/list"
}

# machine_without DIR KIND TARGET: the copy, less one package's probe.
machine_without() {
  cp -a "$tmp/all" "$1"
  case $2 in cmd) rm "$1/bin/$3" ;; *) rm "$1/root$3" ;; esac
}

# check_on DIR: setup.sh --check on the fake machine DIR; output in DIR/out.
check_on() {
  SETUP_PATH=$1/bin SETUP_ROOT=$1/root bash tools/setup.sh --check > "$1/out" 2>&1
}

check_fake_machine_faithful() {
  make_fake_machine
  check_on "$tmp/all"
  report $? "setup.sh --check passes on a copy of this machine (the fakes below are faithful)" \
    "$(tr '\n' ' ' < "$tmp/all/out")"
}

# Without PACKAGE, setup names it, and it alone, with the apt-get line.
check_named_when_missing() {  # PACKAGE KIND TARGET
  local d=$tmp/no-$1 why=""
  machine_without "$d" "$2" "$3"
  if check_on "$d"; then why="setup.sh --check passed"
  elif ! grep -q "^setup: missing Debian package $1: " "$d/out"; then why="no line names $1"
  elif ! grep -qx "setup: install them with: apt-get install $1" "$d/out"; then why="not exactly: apt-get install $1"
  fi
  report "$([ -z "$why" ]; echo $?)" "without $1 ($2 $3), setup.sh --check names it" \
    "$why: $(tr '\n' ' ' < "$d/out")"
}

# What setup installs, the build uses: the file named beside it in the table
# shows the use.
check_used_by_build() {  # PACKAGE NEED (FILE:WORD)
  local file=${2%%:*} word=${2#*:}
  grep -qF -- "$word" "$file" 2>/dev/null
  report $? "$1 is used by the build ($file: $word)" "$file does not mention $word"
}

# Without gcc-multilib, gcc -m32 names its 64-bit libgcc.a, which exists:
# the probe must look inside it. The fake puts the 64-bit archive where the
# 32-bit one belongs; the link's --libgcc refuses it too.
check_64bit_libgcc_refused() {
  local d=$tmp/libgcc64 lib32 why=""
  lib32=$(bash tools/setup.sh --libgcc)
  cp -a "$tmp/all" "$d"
  ln -sf "$(gcc -print-libgcc-file-name)" "$d/root$lib32"
  if check_on "$d"; then why="setup.sh --check passed"
  elif ! grep -q "^setup: missing Debian package gcc-multilib: .*not i386" "$d/out"; then why="gcc-multilib not named"
  elif SETUP_ROOT=$d/root bash tools/setup.sh --libgcc >/dev/null 2>&1; then why="--libgcc accepted it"
  fi
  report "$([ -z "$why" ]; echo $?)" "a 64-bit libgcc.a where the 32-bit one belongs is refused, naming gcc-multilib" \
    "$why: $(tr '\n' ' ' < "$d/out")"
}

check_empty_machine() {
  local n
  mkdir -p "$tmp/empty"
  SETUP_PATH=$tmp/empty SETUP_ROOT=$tmp/empty bash tools/setup.sh --check > "$tmp/empty.out" 2>&1
  n=$(grep -c '^setup: missing Debian package ' "$tmp/empty.out")
  report "$([ "$n" = "$(wc -l < "$tmp/list")" ]; echo $?)" \
    "on an empty machine setup.sh --check names every package ($n)" "$(tail -1 "$tmp/empty.out")"
}

each_package() {
  local pkg kind target need
  while read -r pkg kind target need; do
    check_named_when_missing "$pkg" "$kind" "$target"
    check_used_by_build "$pkg" "$need"
  done < "$tmp/list"
}

# ---- regression: setup_ran_every_make ------------------------------------
# `| setup` was a phony target: tools/setup.sh ran on every make. Now a
# stamp: a second make leaves it alone, a newer setup.sh makes it rerun.
check_stamp() {
  local b=$tmp/stamp s=$tmp/stamp/.setup-stamp m t why=""
  m=$(stat -c %Y tools/setup.sh)
  submake setup BUILD="$b" >/dev/null 2>&1 && [ -e "$s" ] || why="make setup made no stamp"
  t=$((m + 1)); touch -d "@$t" "$s"
  submake setup BUILD="$b" >/dev/null 2>&1
  [ "$(stat -c %Y "$s")" = "$t" ] || why="$why setup reran with a stamp newer than setup.sh"
  touch -d "@$((m - 1))" "$s"
  submake setup BUILD="$b" >/dev/null 2>&1
  [ "$(stat -c %Y "$s")" -gt "$m" ] || why="$why setup did not rerun for a newer setup.sh"
  report "$([ -z "$why" ]; echo $?)" "setup_ran_every_make: the set-up stamp reruns setup only for a newer setup.sh" "$why"
}

# ---- regression: unit_samples_not_built, unit_failure_exit_zero ----------
# `make unit` on a fresh clone ran test_real_sample (cpio, elf_check) on
# build outputs it never built, they failed, and the command still exited 0.
check_unit_builds_samples() {
  local b=$tmp/fresh why=""
  submake -n unit BUILD="$b" > "$tmp/unit-n.out" 2>&1
  grep -q "mkinitrd.sh $b/rootfs $b/initrd.cpio" "$tmp/unit-n.out" || why="no initrd.cpio build"
  grep -q -- "-o $b/user/tests/hello\$" "$tmp/unit-n.out" || why="$why no hello build"
  grep -q "CPIO_SAMPLE=$b/initrd.cpio ELF_SAMPLE=$b/user/tests/hello" "$tmp/unit-n.out" || why="$why samples not passed"
  report "$([ -z "$why" ]; echo $?)" "unit_samples_not_built: make unit on a clean tree builds the samples its tests read" "$why"
}

# fake_unit NAME BODY: a stand-in for a cmocka binary.
fake_unit() { printf '#!/bin/sh\n%s\n' "$2" > "$tmp/$1"; chmod +x "$tmp/$1"; }

check_unit_exit_status() {
  local why=""
  fake_unit test_pass 'echo "ok 1 - fine"'
  fake_unit test_fail 'echo "ok 1 - fine"; echo "not ok 2 - broken"; exit 1'
  fake_unit test_crash 'echo "ok 1 - fine"; exit 3'
  bash tests/run_unit.sh "$tmp/test_pass" >/dev/null || why="a passing test exits non-zero"
  bash tests/run_unit.sh "$tmp/test_fail" "$tmp/test_pass" >/dev/null && why="$why a failed test exits 0"
  bash tests/run_unit.sh "$tmp/test_pass" "$tmp/test_crash" >/dev/null && why="$why a crashed binary exits 0"
  report "$([ -z "$why" ]; echo $?)" "unit_failure_exit_zero: run_unit.sh exits non-zero when a unit test fails" "$why"
}

check_link_libgcc
check_parse_runs_no_tool
check_fake_machine_faithful
check_64bit_libgcc_refused
check_empty_machine
each_package
check_stamp
check_unit_builds_samples
check_unit_exit_status
exit $failed
