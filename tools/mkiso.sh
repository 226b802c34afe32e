#!/usr/bin/env bash
# mkiso.sh KERNEL OUT.iso CONFIG [INITRD]
# Makes a bootable GRUB2 ISO. CONFIG is a grub.cfg to use as it is, or
# "cmdline:OPTIONS" for a generated one that boots at once with OPTIONS
# (what the tests use). INITRD, when given, is loaded as the first module.
set -euo pipefail
kernel=$1 out=$2 cfg=$3 initrd=${4:-}
stage=$(mktemp -d "${TMPDIR:-/tmp}/iso.XXXXXX")
log=$(mktemp "${TMPDIR:-/tmp}/mkiso-log.XXXXXX")   # outside the staged tree
trap 'rm -rf "$stage" "$log"' EXIT
mkdir -p "$stage/boot/grub"
cp "$kernel" "$stage/boot/kernel.elf"
if [ -n "$initrd" ]; then cp "$initrd" "$stage/boot/initrd.cpio"; fi
case "$cfg" in
  cmdline:*)
    {
      echo "set timeout=0"
      echo "serial --unit=0 --speed=115200"
      echo "terminal_output console"
      echo "menuentry 'kernel' {"
      echo "  multiboot2 /boot/kernel.elf ${cfg#cmdline:}"
      if [ -n "$initrd" ]; then echo "  module2 /boot/initrd.cpio initrd"; fi
      echo "  boot"
      echo "}"
    } > "$stage/boot/grub/grub.cfg" ;;
  *) cp "$cfg" "$stage/boot/grub/grub.cfg" ;;
esac
# grub-mkrescue writes the ISO with xorriso. BIOS GRUB only (grub-pc-bin), as
# QEMU boots: with -d it skips the EFI platforms a host may have installed
# too, which would need mtools.
grub-mkrescue -d /usr/lib/grub/i386-pc -o "$out" "$stage" >/dev/null 2>"$log" || { cat "$log" >&2; exit 1; }
