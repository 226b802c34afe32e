#!/usr/bin/env bash
# setup.sh [--check | --list | --libgcc] - the Debian 12 packages the build
# and the tests need, each known by a probe: a command the build runs or a
# file it reads. The table below is the one list of them.
#
#   setup.sh           install the packages whose probe fails (apt-get), then
#                      probe again; exit 1 naming what is still missing
#   setup.sh --check   install nothing: name each missing package and why,
#                      exit 1 if any (the Makefile's per-make check, ~30 ms)
#   setup.sh --list    "PACKAGE KIND TARGET NEEDED-BY" per package, TARGET
#                      resolved (tests/setup/run.sh builds its fake machines
#                      from it)
#   setup.sh --libgcc  the 32-bit libgcc.a the kernel links with; exit 1 with
#                      the package to install when gcc -m32 has none
#
# SETUP_PATH (default $PATH) is where probe commands are looked for, and
# SETUP_ROOT (default /) is prefixed to probe files: the set-up test points
# them at directories lacking one tool to play a machine without its package
# (packages are never removed to test this).
#
# apt-get update may fail while a mirror index is mid-sync: its status is
# ignored; what matters is whether every probe passes afterwards.
set -u
CC=${CC:-gcc}

# package          probe                             needed by (file:word it uses)
TABLE="
gcc                cmd:gcc                           Makefile:gcc
binutils           cmd:ld                            Makefile:\$(LD)
nasm               cmd:nasm                          Makefile:\$(NASM)
gcc-multilib       lib32:libgcc                      Makefile:--libgcc
libc6-dev-i386     lib32:libc.a                      user/tests/Makefile.inc:-static
libcmocka-dev      file:/usr/include/cmocka.h        tests/unit/test_cpio.c:cmocka.h
grub-common        cmd:grub-mkrescue                 tools/mkiso.sh:grub-mkrescue
grub-pc-bin        file:/usr/lib/grub/i386-pc/cdboot.img tools/mkiso.sh:/usr/lib/grub/i386-pc
xorriso            cmd:xorriso                       tools/mkiso.sh:xorriso
cpio               cmd:cpio                          tools/mkinitrd.sh:cpio
python3            cmd:python3                       tests/run_all.sh:python3
qemu-system-x86    cmd:qemu-system-i386              tests/system/qemu.py:qemu-system-i386
qemu-user          cmd:qemu-i386                     tools/binfmt_i386.sh:qemu-i386
gdb                cmd:gdb                           tests/gdb/run.sh:gdb
clang              cmd:clang                         tests/fuzz/fuzz.mk:clang
libclang-rt-14-dev file:/usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.fuzzer-x86_64.a tests/fuzz/fuzz.mk:-fsanitize=fuzzer
python3-pexpect    file:/usr/lib/python3/dist-packages/pexpect/__init__.py tests/system/interactive.py:pexpect
dpkg-dev           cmd:dpkg-source                   ports/build.sh:dpkg-source
file               cmd:file                          ports/build.sh:file
flex               cmd:flex                          ports/binutils.recipe:LEX=flex
bison              cmd:bison                         ports/binutils.recipe:bison -y
m4                 cmd:m4                            ports/binutils.recipe:M4=m4
"

# lib32_path NAME: where gcc -m32 finds NAME (libgcc or a library file), or "".
lib32_path() {
  local p
  if [ "$1" = libgcc ]; then p=$("$CC" -m32 -print-libgcc-file-name 2>/dev/null)
  else p=$("$CC" -m32 -print-file-name="$1" 2>/dev/null); fi
  case "$p" in /*) realpath -ms "$p" ;; *) echo "" ;; esac
}

# is_i386 FILE: an i386 object or archive of them. Without gcc-multilib,
# gcc -m32 names its 64-bit libgcc.a: it exists, but is the wrong one.
is_i386() { objdump -f "$1" 2>/dev/null | grep -q 'file format elf32-i386'; }

# target PROBE: the command name or the resolved file the probe looks for.
target() {
  case "$1" in
    cmd:*) echo "${1#cmd:}" ;;
    file:*) echo "${1#file:}" ;;
    lib32:*) lib32_path "${1#lib32:}" ;;
  esac
}

# probe PROBE: sets $why to nothing when the probe passes, else to what is
# wrong. No subshell for commands and files: this runs on every make.
probe() {
  local t f
  why=""
  case "$1" in
    cmd:*)
      PATH=${SETUP_PATH:-$PATH} command -v "${1#cmd:}" >/dev/null || why="no '${1#cmd:}' command on PATH" ;;
    file:*)
      [ -e "${SETUP_ROOT:-}${1#file:}" ] || why="no file ${SETUP_ROOT:-}${1#file:}" ;;
    lib32:*)
      t=$(lib32_path "${1#lib32:}")
      f=${SETUP_ROOT:-}$t
      if [ -z "$t" ]; then why="$CC -m32 finds no ${1#lib32:}"
      elif [ ! -e "$f" ]; then why="no file $f"
      elif ! is_i386 "$f"; then why="$CC -m32 names $f, which is not i386 (64-bit)"; fi ;;
  esac
}

# missing: the packages whose probe fails, in $need; a "setup: missing ..."
# line on stderr for each.
missing() {
  local pkg probe rest
  need=""
  while read -r pkg probe rest; do
    [ -n "$pkg" ] || continue
    probe "$probe"
    [ -n "$why" ] || continue
    echo "setup: missing Debian package $pkg: $why" >&2
    need="$need $pkg"
  done <<< "$TABLE"
}

install() {
  local sudo="" p
  echo "setup: installing: $*"
  [ "$(id -u)" != 0 ] && sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq || echo "setup: apt-get update failed (ignored; trying the install anyway)"
  # One name apt does not know (another release) fails the whole batch:
  # then each package alone.
  $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null ||
    for p; do $sudo apt-get install -y -qq --no-install-recommends "$p" >/dev/null || true; done
}

# fail PACKAGES...: the clear message, exit 1.
fail() {
  echo "setup: ERROR: these Debian packages are missing: $*" >&2
  echo "setup: install them with: apt-get install $*" >&2
  exit 1
}

case "${1:-}" in
  --list)
    while read -r pkg probe need; do
      [ -z "$pkg" ] || echo "$pkg ${probe%%:*} $(target "$probe") $need"
    done <<< "$TABLE"
    exit 0 ;;
  --libgcc)
    probe lib32:libgcc
    [ -z "$why" ] || { echo "setup: $why" >&2; fail gcc-multilib; }
    target lib32:libgcc
    exit 0 ;;
esac

missing
[ -z "$need" ] && exit 0
[ "${1:-}" = --check ] && fail $need
install $need
missing
[ -n "$need" ] && fail $need
echo "setup: all packages present"
