#!/usr/bin/env bash
# build.sh NAME... - build the ports named (ports/NAME.recipe) into
# build/ports/NAME/, each only when its recipe changed (docs/ports.md).
#
# A port is a Debian 12 source package built into static i386 executables.
# Per port the driver:
#   1. fetches the source with `apt-get source` through a private apt
#      configuration (build/ports/apt) whose deb-src entries are made from
#      the machine's own /etc/apt lists, so no host is named here and the
#      machine's apt state is left alone;
#   2. builds it with the recipe's port_configure and port_build in a fresh
#      copy of the source (gcc -m32, glibc's static libraries);
#   3. installs the recipe's PORT_BINS stripped into build/ports/NAME/bin and
#      checks each with `file`: i386, "statically linked", not PIE/dynamic.
# The result is kept under the recipe's hash (build/ports/NAME/key): the
# next run with the same recipe does nothing. A long build says which
# stage it is at; its full log is build/ports/NAME/build.log.
#
# A finished port is also kept in PORTS_CACHE (default
# ~/.cache/tern/ports; empty: none), under NAME-HASH: another clone of the
# project on the same machine (a worktree, CI's fresh clone) takes it from
# there instead of building binutils again for half an hour.
#
# --soft: a port that cannot be built is no error (exit 0, says so): `make
# test` builds this way, and the ports tests are skipped without them.
# Exit status otherwise: 0 when every port is built (or was already).
set -u
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/build/ports
APT_DIR=$OUT/apt
JOBS=${PORTS_JOBS:-2}
CACHE=${PORTS_CACHE-$HOME/.cache/tern/ports}
SOFT=no
[ "${1:-}" = --soft ] && { SOFT=yes; shift; }

say() { echo "ports: $*"; }
die() {
  echo "ports: ERROR: $*" >&2
  [ $SOFT = yes ] && echo "ports: not built; the ports tests are skipped" >&2 && exit 0
  exit 1
}

# src_lists: the machine's deb entries rewritten as deb-src, into
# $APT_DIR/sources.list.d (the deb822 .sources files and one-line .list
# files apt itself reads; files apt ignores, such as *.disabled, are skipped).
src_lists() {
  local f d=$APT_DIR/sources.list.d
  rm -rf "$d" && mkdir -p "$d" "$APT_DIR/lists/partial" "$APT_DIR/archives/partial"
  : > "$APT_DIR/sources.list"
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] && sed -n 's/^[[:space:]]*deb[[:space:]]/deb-src /p' "$f" >> "$d/src.list"
  done
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] && sed 's/^Types:.*/Types: deb-src/' "$f" > "$d/$(basename "$f")"
  done
  ls "$d"/* >/dev/null 2>&1 || die "no apt source lists in /etc/apt to make deb-src entries from"
}

# apt_src ARGS...: apt-get with the private deb-src configuration.
apt_src() {
  apt-get -q -o Dir::Etc::SourceList="$APT_DIR/sources.list" \
    -o Dir::Etc::SourceParts="$APT_DIR/sources.list.d" \
    -o Dir::State::Lists="$APT_DIR/lists" -o Dir::Cache::Archives="$APT_DIR/archives" \
    -o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache= \
    -o APT::Sandbox::User=root "$@"
}

# get_source: apt-get source $PORT_SOURCE into an empty $OUT/src/dl.
get_source() {
  rm -rf "$OUT/src/dl" && mkdir -p "$OUT/src/dl"
  (cd "$OUT/src/dl" && apt_src source "$PORT_SOURCE") > "$OUT/src/$PORT_SOURCE.fetch.log" 2>&1
}

# fetch PORT: the unpacked Debian source (with Debian's patches applied by
# dpkg-source) in $OUT/src/$PORT_SOURCE, once per source version.
fetch() {
  local dir=$OUT/src/$PORT_SOURCE
  [ -f "$dir/.fetched" ] && return 0
  command -v dpkg-source >/dev/null || die "no dpkg-source: install dpkg-dev (tools/setup.sh does)"
  say "$1: [fetch] apt-get source $PORT_SOURCE"
  mkdir -p "$OUT/src"                      # the first update's log goes there
  src_lists
  # The deb-src indexes once; again when the source is not found (old lists).
  ls "$APT_DIR/lists/"*Sources* >/dev/null 2>&1 || apt_src update > "$OUT/src/apt-update.log" 2>&1
  get_source || { apt_src update > "$OUT/src/apt-update.log" 2>&1; get_source; } ||
    die "$1: apt-get source $PORT_SOURCE failed (log: $OUT/src/$PORT_SOURCE.fetch.log)"
  local unpacked
  unpacked=$(find "$OUT/src/dl" -mindepth 1 -maxdepth 1 -type d | head -n 1)
  [ -n "$unpacked" ] || die "$1: apt-get source unpacked nothing"
  rm -rf "$dir" && mv "$unpacked" "$dir"
  ls "$OUT/src/dl"/*.dsc | xargs -n1 basename > "$dir/.fetched"
  rm -rf "$OUT/src/dl"
}

# check_static FILE: an i386 executable, statically linked, not PIE.
check_static() {
  local what
  what=$(file -b "$1")
  case "$what" in
    *"ELF 32-bit LSB executable, Intel 80386"*"statically linked"*) ;;
    *) die "$(basename "$1") is not a static i386 executable: $what" ;;
  esac
}

# build_port NAME: source ports/NAME.recipe and build it unless cached.
build_port() {
  local name=$1 recipe=ports/$1.recipe key dest work start
  [ -f "$recipe" ] || die "no recipe $recipe"
  key=$(sha256sum "$recipe" | cut -c1-16)
  dest=$OUT/$name
  if [ "$(cat "$dest/key" 2>/dev/null)" = "$key" ]; then return 0; fi
  from_cache "$name" "$key" "$dest" && return 0
  unset PORT_SOURCE PORT_BINS; unset -f port_configure port_build port_bin
  # shellcheck source=/dev/null
  . "$recipe"
  start=$(date +%s)
  fetch "$name"
  work=$OUT/work/$name
  say "$name: [copy] fresh build tree $work"
  rm -rf "$work" "$dest/bin" "$dest/key" && mkdir -p "$OUT/work" "$dest/bin"
  cp -a "$OUT/src/$PORT_SOURCE" "$work"
  LOG=$dest/build.log
  : > "$LOG"
  (cd "$work" && stage "$name" configure port_configure && stage "$name" build port_build) || {
    tail -n 30 "$LOG" >&2; die "$name: build failed (full log: $LOG)"; }
  install_bins "$name" "$work" "$dest/bin"
  echo "$key" > "$dest/key"
  to_cache "$name" "$key" "$dest"
  say "$name: done in $(( $(date +%s) - start ))s: $(cd "$dest/bin" && echo *)"
}

# from_cache NAME KEY DEST: the port's programs from PORTS_CACHE, if built
# there from the same recipe (each checked again).
from_cache() {
  local c=$CACHE/$1-$2 b
  [ -n "$CACHE" ] && [ -f "$c/key" ] || return 1
  rm -rf "$3" && mkdir -p "$3" && cp -a "$c/bin" "$3/bin" || return 1
  for b in "$3"/bin/*; do check_static "$b"; done
  cp "$c/key" "$3/key"
  say "$1: taken from $c (same recipe)"
}

# to_cache NAME KEY DEST: keep the built programs for other clones.
to_cache() {
  local c=$CACHE/$1-$2
  [ -n "$CACHE" ] || return 0
  rm -rf "$c.new" && mkdir -p "$c.new" && cp -a "$3/bin" "$3/key" "$c.new/" &&
    rm -rf "$c" && mv "$c.new" "$c" || say "$1: could not keep a copy in $c (ignored)"
}

# stage PORT NAME FUNCTION: run a recipe step with its output in the log,
# saying when it starts and how long it took.
stage() {
  local t=$(date +%s)
  say "$1: [$2] $(date +%H:%M:%S) (log: ${LOG#$ROOT/})"
  "$3" >> "$LOG" 2>&1 || return 1
  say "$1: [$2] finished in $(( $(date +%s) - t ))s"
}

# install_bins PORT WORK DEST: each of PORT_BINS (the path port_bin gives,
# relative to WORK) stripped into DEST and checked.
install_bins() {
  local b src
  for b in $PORT_BINS; do
    src=$2/$(port_bin "$b")
    [ -f "$src" ] || die "$1: the build made no $b (looked for $src)"
    strip -o "$3/$b" "$src" || die "$1: strip $b failed"
    check_static "$3/$b"
  done
  say "$1: [check] $(echo $PORT_BINS | wc -w) static i386 executables"
}

[ $# -gt 0 ] || die "usage: ports/build.sh [--soft] NAME..."
for p; do build_port "$p"; done
