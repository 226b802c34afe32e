#!/usr/bin/env bash
# install_ports.sh ROOTFS OUT PORT... - the ports root file system: a copy
# of the staged normal root ROOTFS (build/rootfs) in OUT, plus each built
# port's programs (build/ports/PORT/bin, made by ports/build.sh) in
# /usr/bin, and the ports tests (tests/ports: the step scripts and their
# sources) in /tests/ports. A program replaces whatever the root had under
# its name: busybox's applet links for ar and strings point at busybox,
# and binutils' programs are the ones asked for. A port not built is left
# out (the ports tests are then skipped) with a line saying so.
set -euo pipefail
rootfs=$1 out=$2
shift 2
rm -rf "$out"
cp -a "$rootfs" "$out"
mkdir -p "$out/usr/bin" "$out/tests/ports/src"
for port; do
  bin=build/ports/$port/bin
  if [ ! -f "build/ports/$port/key" ]; then
    echo "ports: $port not built: not in the ports image"
    continue
  fi
  for b in "$bin"/*; do
    rm -f "$out/usr/bin/$(basename "$b")"
    cp "$b" "$out/usr/bin/"
  done
done
if [ -d tests/ports/src ]; then
  cp tests/ports/*.sh "$out/tests/ports/"
  cp tests/ports/src/* "$out/tests/ports/src/"
fi
