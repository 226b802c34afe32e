#!/usr/bin/env bash
# run.sh - the gdb layer: attach gdb -batch to QEMU's stub, stop at kmain,
# step, and check that the backtrace names it. Prints TAP-style lines.
set -u
cd "$(dirname "$0")/../.."
iso=$(python3 -c 'import sys; sys.path.insert(0,"tests/system"); import qemu; print(qemu.iso_for("loglevel=4"))')
port=$((20000 + RANDOM % 20000))
qemu-system-i386 -m 64 -display none -no-reboot -serial null \
  -device isa-debug-exit,iobase=0xf4,iosize=0x04 -cdrom "$iso" \
  -gdb tcp:127.0.0.1:$port -S &
qpid=$!
trap 'kill $qpid 2>/dev/null; wait $qpid 2>/dev/null' EXIT
out=$(timeout 30 gdb -batch -nx build/kernel.elf \
  -ex "target remote 127.0.0.1:$port" \
  -ex "hbreak kmain" -ex "continue" \
  -ex "next" -ex "bt" -ex "info registers eip" 2>&1)
rc=$?
check() {  # name pattern
  if printf '%s\n' "$out" | grep -qE "$2"; then echo "ok - gdb: $1"
  else echo "not ok - gdb: $1"; printf '%s\n' "$out" | tail -15 | sed 's/^/#   /'; fi
}
[ $rc -eq 0 ] && echo "ok - gdb: batch session ran" || echo "not ok - gdb: batch session exited $rc (timeout is 124)"
check "stops at the C entry point" "Breakpoint 1, kmain \("
check "bt names kmain after a step" "^#0 +(0x[0-9a-f]+ in )?kmain \("
check "eip is in the higher half" "eip +0xc01"
