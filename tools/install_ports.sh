#!/usr/bin/env bash
# install_ports.sh ROOTFS OUT PORT... - the ports root file system: a copy
# of the staged normal root ROOTFS (build/rootfs) in OUT, plus each built
# port's programs (build/ports/PORT/bin, made by ports/build.sh) in
# /usr/bin, and the ports tests (tests/ports: the step scripts and their
# sources) in /tests/ports. A port not built is left out (the ports tests
# are then skipped) with a line saying so.
#
# The busybox port (ports/busybox.recipe: Debian's static busybox, built
# to run programs from PATH before its applets) replaces the root's
# Debian busybox-static as /bin/busybox, with a link per applet of its own
# `--list-full`, as install_busybox.sh makes them for the normal root.
#
# Where a port's program and an applet have the same name (binutils' ar
# and strings), the program takes the applet's place: the link is not
# made, and /usr/bin/ar is binutils' ar. One file per name, not an order
# of PATH: whatever PATH a shell, su or init gives, `ar` is GNU ar, and
# busybox's own stays reachable as `busybox ar`.
set -euo pipefail
rootfs=$1 out=$2
shift 2
ports=("$@")
rm -rf "$out"
cp -a "$rootfs" "$out"
mkdir -p "$out/usr/bin" "$out/tests/ports/src"

built() { [ -f "build/ports/$1/key" ]; }

# applet_list BUSYBOX: its applets' paths, asked of the i386 binary itself
# (natively, or through qemu-i386 where the host cannot: binfmt_i386.sh).
applet_list() {
  "$1" --list-full 2>/dev/null || qemu-i386 "$1" --list-full
}

# provided NAME: another built port has a program NAME.
provided() {
  local p
  for p in "${ports[@]}"; do
    [ "$p" != busybox ] && built "$p" && [ -f "build/ports/$p/bin/$1" ] && return 0
  done
  return 1
}

# install_busybox: the port's busybox for the root's, its links remade,
# but none for a name another port's program has.
install_busybox() {
  local bb=build/ports/busybox/bin/busybox path n=0 left=""
  find "$out" -type l -lname /bin/busybox -delete
  cp "$bb" "$out/bin/busybox"
  while read -r path; do
    [ -n "$path" ] && [ "$path" != bin/busybox ] || continue
    [ -e "$out/$path" ] || [ -L "$out/$path" ] && continue   # the root's own file wins
    provided "$(basename "$path")" && { left="$left $(basename "$path")"; continue; }
    mkdir -p "$out/$(dirname "$path")"
    ln -s /bin/busybox "$out/$path"
    n=$((n + 1))
  done < <(applet_list "$bb")
  [ $n -gt 0 ] || { echo "ports: busybox lists no applets" >&2; exit 1; }
  echo "ports: busybox (PATH before applets) with $n applet links; none for${left:- nothing}: the ports' own"
}

if [[ " $* " == *" busybox "* ]]; then
  if built busybox; then install_busybox
  else echo "ports: busybox not built: the ports image keeps Debian's busybox-static"; fi
fi
for port; do
  [ "$port" = busybox ] && continue
  if ! built "$port"; then
    echo "ports: $port not built: not in the ports image"
    continue
  fi
  for b in "build/ports/$port/bin"/*; do
    rm -f "$out/usr/bin/$(basename "$b")"       # an applet's link of that name
    cp "$b" "$out/usr/bin/"
  done
done
if [ -d tests/ports/src ]; then
  cp tests/ports/*.sh "$out/tests/ports/"
  cp tests/ports/src/* "$out/tests/ports/src/"
fi
