#!/usr/bin/env bash
# fetch.sh - fetch what the Linux side of `make bench` needs, once, into
# build/bench/linux/ (never committed):
#   vmlinuz   Debian 12's own i386 kernel (linux-image-*-686, the non-PAE flavour)
#   busybox   busybox-static:i386 (tools/fetch_busybox.sh), the Linux
#             initramfs's shell and poweroff
# and install gnuplot-nox for the chart. Nothing here is needed by `make test`.
# apt-get update may fail while a mirror index is mid-sync: its status is
# ignored; what counts is whether the files are there afterwards.
set -u
cd "$(dirname "$0")/.."
OUT=build/bench/linux
DEBS=build/bench/debs
KERNEL_META=linux-image-686:i386      # depends on the current linux-image-6.1.0-N-686
mkdir -p "$OUT" "$DEBS"
export DEBIAN_FRONTEND=noninteractive
SUDO=""
[ "$(id -u)" != 0 ] && SUDO="sudo"
updated=no

apt_update() {
  [ $updated = yes ] && return
  echo "bench: apt-get update (i386 architecture added for the Linux reference)"
  $SUDO dpkg --add-architecture i386
  $SUDO apt-get update -qq >/dev/null 2>&1 || echo "bench: apt-get update failed (ignored; trying anyway)"
  updated=yes
}

# apt-get download as root writes as root: no _apt sandbox user.
download() {
  (cd "$DEBS" && apt-get download -q -o APT::Sandbox::User=root "$@" >/dev/null)
}

if [ ! -s "$OUT/vmlinuz" ]; then
  apt_update
  pkg=$(apt-cache depends "$KERNEL_META" 2>/dev/null | sed -n 's/^ *Depends: \(linux-image-[^ ]*-686\)\(:i386\)\?$/\1/p' | head -n 1)
  if [ -z "$pkg" ]; then
    echo "bench: ERROR: cannot find Debian's 686 kernel ($KERNEL_META has no linux-image dependency)" >&2
    echo "bench: check 'apt-cache search linux-image | grep 686' and the i386 apt sources" >&2
    exit 1
  fi
  echo "bench: downloading $pkg:i386 (about 50 MB, once)"
  rm -f "$DEBS"/linux-image-*.deb
  download "$pkg:i386" || true
  deb=$(ls "$DEBS"/linux-image-*.deb 2>/dev/null | head -n 1)
  if [ -z "$deb" ]; then
    echo "bench: ERROR: apt-get download $pkg:i386 failed" >&2
    exit 1
  fi
  rm -rf "$DEBS/kernel" && dpkg-deb -x "$deb" "$DEBS/kernel"
  cp "$DEBS"/kernel/boot/vmlinuz-* "$OUT/vmlinuz"
  echo "${pkg}" > "$OUT/kernel-version"
  rm -rf "$DEBS/kernel"
fi

# The same busybox the initramfs installs (tools/fetch_busybox.sh).
if [ ! -s "$OUT/busybox" ]; then
  bash tools/fetch_busybox.sh || exit 1
  cp build/busybox/busybox "$OUT/busybox"
  cp build/busybox/version "$OUT/busybox-version"
fi

if ! command -v gnuplot >/dev/null; then
  echo "bench: installing gnuplot-nox (for the chart)"
  [ $updated = yes ] || { $SUDO apt-get update -qq >/dev/null 2>&1 || true; }
  $SUDO apt-get install -y -qq --no-install-recommends gnuplot-nox >/dev/null 2>&1 || true
  command -v gnuplot >/dev/null || echo "bench: gnuplot-nox did not install: no chart this time (the tables are still written)"
fi

echo "bench: Linux reference: $(cat "$OUT/kernel-version"), busybox $(cat "$OUT/busybox-version" 2>/dev/null)"
