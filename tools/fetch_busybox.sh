#!/usr/bin/env bash
# fetch_busybox.sh [--soft] - Debian 12's busybox-static:i386, once, into
# build/busybox/ (never committed):
#   busybox    the static i386 binary (bin/busybox of the package)
#   version    the package version
#   applets    `busybox --list-full`: every applet's path, for the links
# The initramfs installs it as the system's userland (docs/tty.md); `make
# bench` runs it on both kernels. The applet list is asked of the binary
# itself on the host (natively or through qemu-i386), at fetch time only.
#
# --soft: a machine without network or apt is no error (exit 0, says so):
# `make test` fetches this way and the busybox tests are skipped when the
# binary is not there. Without --soft a failed fetch exits 1 (`make run`).
# apt-get update may fail while a mirror is mid-sync: what counts is
# whether the package downloads afterwards.
set -u
cd "$(dirname "$0")/.."
OUT=build/busybox
soft=no
[ "${1:-}" = --soft ] && soft=yes
[ -s "$OUT/busybox" ] && [ -s "$OUT/applets" ] && exit 0

fail() {
  echo "busybox: $*" >&2
  [ $soft = yes ] && { echo "busybox: not fetched; the tests that need it are skipped" >&2; exit 0; }
  exit 1
}

export DEBIAN_FRONTEND=noninteractive
SUDO=""
[ "$(id -u)" != 0 ] && SUDO="sudo"
command -v apt-get >/dev/null || fail "no apt-get on this machine"
mkdir -p "$OUT/deb"
if ! dpkg --print-foreign-architectures | grep -qx i386; then
  $SUDO dpkg --add-architecture i386 || fail "dpkg --add-architecture i386 failed"
  $SUDO apt-get update -qq >/dev/null 2>&1
fi
echo "busybox: downloading busybox-static:i386 (about 1 MB, once)"
rm -f "$OUT"/deb/busybox-static_*.deb
# apt-get download as root writes as root: no _apt sandbox user.
get() { (cd "$OUT/deb" && apt-get download -q -o APT::Sandbox::User=root busybox-static:i386 >/dev/null 2>&1); }
if ! get; then
  $SUDO apt-get update -qq >/dev/null 2>&1
  get || fail "apt-get download busybox-static:i386 failed"
fi
deb=$(ls "$OUT"/deb/busybox-static_*.deb | head -n 1)
rm -rf "$OUT/x" && dpkg-deb -x "$deb" "$OUT/x" || fail "dpkg-deb -x $deb failed"
cp "$OUT/x/bin/busybox" "$OUT/busybox.new"
dpkg-deb -f "$deb" Version > "$OUT/version"
rm -rf "$OUT/x" "$OUT/deb"
bash tools/binfmt_i386.sh >/dev/null 2>&1
"$OUT/busybox.new" --list-full > "$OUT/applets.new" 2>/dev/null ||
  qemu-i386 "$OUT/busybox.new" --list-full > "$OUT/applets.new" 2>/dev/null ||
  fail "cannot run the i386 busybox on this host to list its applets"
mv "$OUT/applets.new" "$OUT/applets" && mv "$OUT/busybox.new" "$OUT/busybox"
echo "busybox: $(cat "$OUT/version"), $(wc -l < "$OUT/applets") applets"
