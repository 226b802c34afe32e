#!/usr/bin/env bash
# Installs the Debian packages the build and the tests need, only when missing.
# apt-get update may fail while a mirror index is mid-sync: its status is
# ignored; what matters is whether every package is present afterwards.
set -u
PKGS="qemu-system-x86 grub-pc-bin grub-common xorriso mtools nasm gcc-multilib gdb libcmocka-dev python3 cpio qemu-user libc6-dev-i386"

missing() {
  local m=""
  for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || m="$m $p"
  done
  echo "$m"
}

need=$(missing)
[ -z "$need" ] && exit 0
echo "setup: installing:$need"
SUDO=""
[ "$(id -u)" != 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq || echo "setup: apt-get update failed (ignored; trying the install anyway)"
$SUDO apt-get install -y -qq --no-install-recommends $need >/dev/null || true
still=$(missing)
if [ -n "$still" ]; then
  echo "setup: ERROR: these Debian packages are still missing:$still" >&2
  echo "setup: install them with: apt-get install$still" >&2
  exit 1
fi
echo "setup: all packages present"
