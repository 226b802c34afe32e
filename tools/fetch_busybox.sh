#!/usr/bin/env bash
# fetch_busybox.sh [--soft] - Debian 12's busybox-static:i386, once, into
# build/busybox/ (never committed; tools/fetch_debs.sh downloads it):
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

echo "busybox: downloading busybox-static:i386 (about 1 MB, once)"
bash tools/fetch_debs.sh "$OUT/pkg" busybox-static || fail "apt-get download busybox-static:i386 failed"
cp "$OUT/pkg/root/bin/busybox" "$OUT/busybox.new" || fail "the package has no bin/busybox"
awk '$1 == "busybox-static" { print $2 }' "$OUT/pkg/packages" > "$OUT/version"
rm -rf "$OUT/pkg"
bash tools/binfmt_i386.sh >/dev/null 2>&1
"$OUT/busybox.new" --list-full > "$OUT/applets.new" 2>/dev/null ||
  qemu-i386 "$OUT/busybox.new" --list-full > "$OUT/applets.new" 2>/dev/null ||
  fail "cannot run the i386 busybox on this host to list its applets"
mv "$OUT/applets.new" "$OUT/applets" && mv "$OUT/busybox.new" "$OUT/busybox"
echo "busybox: $(cat "$OUT/version"), $(wc -l < "$OUT/applets") applets"
