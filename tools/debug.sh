#!/usr/bin/env bash
# debug.sh ISO KERNEL - QEMU halted with its gdb stub, gdb attached with the
# kernel's symbols, tools/gdb/kernel.gdb and the tern.py commands, stopped:
#   at BREAK (a kernel symbol; default kmain), or, with PROG=/tests/bin/NAME,
#   at the entry of that program when it first runs (the ISO is rebuilt with
#   init=PROG [-- ARGS]; its symbols come from build/), then at BREAK if set.
# Environment: BREAK, PROG, ARGS, INITRD, MEM, GDB_PORT, GDB_FLAGS (extra
# gdb options, e.g. "-batch -x script.py" for a scripted session), DEBUG_DIR
# (where the console log and the PROG ISO go; default build).
# The console goes to DEBUG_DIR/debug-com1.log (follow it with `tail -f`).
set -euo pipefail
iso=$1 kernel=$2
port=${GDB_PORT:-1234}
dir=${DEBUG_DIR:-build}
log=$dir/debug-com1.log
prog_iso=$dir/debug-prog.iso
gdb_cmds=()
if [ -n "${PROG:-}" ]; then
  cmdline="init=$PROG"
  if [ -n "${ARGS:-}" ]; then cmdline="$cmdline -- $ARGS"; fi
  bash tools/mkiso.sh "$kernel" "$prog_iso" "cmdline:$cmdline" "${INITRD:-build/initrd.cpio}"
  iso=$prog_iso
  gdb_cmds+=(-ex "user-entry $PROG")
  if [ -n "${BREAK:-}" ]; then gdb_cmds+=(-ex "ubreak $BREAK" -ex "continue"); fi
else
  gdb_cmds+=(-ex "hbreak ${BREAK:-kmain}" -ex "continue")
fi
qemu-system-i386 -m "${MEM:-128}" -display none -no-reboot -serial "file:$log" \
  -device isa-debug-exit,iobase=0xf4,iosize=0x04 -cdrom "$iso" \
  -gdb "tcp:127.0.0.1:$port" -S &
qpid=$!
trap 'kill $qpid 2>/dev/null || true' EXIT
echo "QEMU is halted (pid $qpid); console: $log; quit gdb to stop it."
# shellcheck disable=SC2086  # GDB_FLAGS is a list of options
gdb -q -x tools/gdb/kernel.gdb -x tools/gdb/tern.py -ex "target remote 127.0.0.1:$port" \
  "${gdb_cmds[@]}" ${GDB_FLAGS:-} "$kernel"
