#!/usr/bin/env bash
# fetch_debs.sh [--soft] OUT PKG... - Debian 12's i386 packages PKG, as
# shipped, unpacked into OUT/root (never committed): `apt-get download
# PKG:i386` then `dpkg-deb -x` of each, nothing installed on this machine.
# OUT/packages lists "NAME VERSION" per package; the fetch happens once
# per list of names (OUT/names): asked again for the same names, it does
# nothing. Used for the dynamically linked programs of docs/dynamic.md
# (the Makefile's DEBIAN_PKGS).
#
# --soft: a machine without network or apt is no error (exit 0, says so,
# OUT/root left absent): `make test` fetches this way and the tests that
# need the packages are skipped. apt-get update may fail while a mirror is
# mid-sync: what counts is whether the packages download afterwards.
set -u
cd "$(dirname "$0")/.."
soft=no
[ "${1:-}" = --soft ] && { soft=yes; shift; }
out=$1
shift
names="$*"
[ -d "$out/root" ] && [ "$(cat "$out/names" 2>/dev/null)" = "$names" ] && exit 0

fail() {
  echo "debs: $*" >&2
  rm -rf "$out/root" "$out/deb"
  [ $soft = yes ] && { echo "debs: not fetched; the tests that need them are skipped" >&2; exit 0; }
  exit 1
}

export DEBIAN_FRONTEND=noninteractive
SUDO=""
[ "$(id -u)" != 0 ] && SUDO="sudo"
command -v apt-get >/dev/null || fail "no apt-get on this machine"
if ! dpkg --print-foreign-architectures | grep -qx i386; then
  $SUDO dpkg --add-architecture i386 || fail "dpkg --add-architecture i386 failed"
  $SUDO apt-get update -qq >/dev/null 2>&1
fi
rm -rf "$out/deb" "$out/root" "$out/root.new" && mkdir -p "$out/deb"
echo "debs: downloading $* (i386) into $out (once)"
# As root apt-get download writes as root: no _apt sandbox user.
get() { (cd "$out/deb" && apt-get download -q -o APT::Sandbox::User=root "${@/%/:i386}" >/dev/null 2>&1); }
if ! get "$@"; then
  $SUDO apt-get update -qq >/dev/null 2>&1
  get "$@" || fail "apt-get download of $* (i386) failed"
fi
: > "$out/packages"
for deb in "$out"/deb/*.deb; do
  dpkg-deb -x "$deb" "$out/root.new" || fail "dpkg-deb -x $deb failed"
  echo "$(dpkg-deb -f "$deb" Package) $(dpkg-deb -f "$deb" Version)" >> "$out/packages"
done
mv "$out/root.new" "$out/root" && rm -rf "$out/deb"
echo "$names" > "$out/names"
echo "debs: $(wc -l < "$out/packages") packages unpacked into $out/root"
