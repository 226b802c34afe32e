#!/usr/bin/env bash
# mkinitrd.sh DIR OUT.cpio - pack DIR as a cpio (newc) archive, the format
# the kernel takes as its root file system (first multiboot2 module).
set -euo pipefail
dir=$1 out=$2
abs=$(cd "$(dirname "$out")" && pwd)/$(basename "$out")
(cd "$dir" && find . -mindepth 1 | LC_ALL=C sort | cpio -o -H newc --quiet --reproducible > "$abs")
