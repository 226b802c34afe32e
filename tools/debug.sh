#!/usr/bin/env bash
# debug.sh ISO KERNEL BREAK - QEMU halted with its gdb stub, gdb attached,
# stopped at BREAK (a kernel symbol). The console goes to build/debug-com1.log
# (follow it with `tail -f` in another terminal).
set -euo pipefail
iso=$1 kernel=$2 brk=$3
port=${GDB_PORT:-1234}
log=build/debug-com1.log
qemu-system-i386 -m "${MEM:-128}" -display none -no-reboot -serial "file:$log" \
  -device isa-debug-exit,iobase=0xf4,iosize=0x04 -cdrom "$iso" \
  -gdb "tcp:127.0.0.1:$port" -S &
qpid=$!
trap 'kill $qpid 2>/dev/null || true' EXIT
echo "QEMU is halted (pid $qpid); console: $log; quit gdb to stop it."
gdb -q -x tools/gdb/kernel.gdb -ex "target remote 127.0.0.1:$port" \
  -ex "hbreak $brk" -ex "continue" "$kernel"
