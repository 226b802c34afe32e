#!/usr/bin/env bash
# run.sh - the gdb layer: gdb -batch sessions against QEMU's stub, each a
# Python script (tests/gdb/*.py, on tests/gdb/tap.py) that prints "ok - gdb:
# ..." / "not ok - gdb: ..." lines after a "plan N" line:
#   boot.py   from reset: _start before paging, kmain, the boot self-map
#   hello.py  `make debug PROG=/tests/bin/hello` (tools/debug.sh): user entry,
#             main, bt-user, ps, pt against QEMU's monitor, vmmap, frames, tmt, dmesg,
#             files, inode
#   fault.py  the same for /tests/bin/kwrite: a user page fault caught in gdb
#   threads.py  /tests/bin/gdb_threads: `threads` and `bt-user TID` of sleeping threads
#   sigs.py   /tests/bin/sigs_state stopped in its write: what `sigs` shows
# A session that ends before its plan (crash, timeout) is a failure too.
# Exits 1 when any check failed.
set -u
cd "$(dirname "$0")/../.." || exit 1
SESSION_TIMEOUT=$((60 * ${TEST_TIMEOUT_SCALE:-3}))   # seconds per gdb session (see tests/system/qemu.py)
out=build/tests/gdb
mkdir -p "$out"

failed=0                                # 1 once any check failed
port() { echo $((20000 + RANDOM % 20000)); }

# report NAME LOG RC: the session's check lines, and a failure if it fell short.
report() {
  grep -E '^(not )?ok - gdb: |^#   ' "$2"
  grep -qE '^not ok - gdb: ' "$2" && failed=1
  local plan ran
  plan=$(sed -n 's/^plan \([0-9][0-9]*\)$/\1/p' "$2" | head -1)
  ran=$(grep -cE '^(not )?ok - gdb: ' "$2")
  if [ -z "$plan" ] || [ "$ran" -lt "$plan" ]; then
    echo "not ok - gdb: $1 session ran $ran of ${plan:-?} checks (exit $3; 124 is the timeout)"
    failed=1
    tail -15 "$2" | sed 's/^/#   /'
  fi
}

# The boot session drives QEMU itself: it must stop before the kernel runs.
boot_session() {
  local iso p qpid rc
  if ! iso=$(python3 -c 'import sys; sys.path.insert(0,"tests/system"); import qemu; print(qemu.iso_for("loglevel=4"))'); then
    echo "not ok - gdb: boot session: no ISO (tools/mkiso.sh failed)"
    failed=1
    return
  fi
  p=$(port)
  qemu-system-i386 -m 64 -display none -no-reboot -serial null \
    -device isa-debug-exit,iobase=0xf4,iosize=0x04 -cdrom "$iso" \
    -gdb "tcp:127.0.0.1:$p" -S 2>"$out/boot-qemu.log" &
  qpid=$!
  timeout $SESSION_TIMEOUT gdb -batch -nx -x tools/gdb/kernel.gdb -x tools/gdb/tern.py \
    -ex "target remote 127.0.0.1:$p" -x tests/gdb/boot.py build/kernel.elf > "$out/boot.log" 2>&1
  rc=$?
  kill $qpid 2>/dev/null; wait $qpid 2>/dev/null
  report boot "$out/boot.log" $rc
}

# A session through `make debug PROG=...` (tools/debug.sh starts and ends QEMU).
prog_session() {  # NAME PROG
  local rc
  GDB_PORT=$(port) DEBUG_DIR=$out PROG=$2 INITRD=build/initrd.cpio \
    GDB_FLAGS="-batch -nx -x tests/gdb/$1.py" \
    timeout $SESSION_TIMEOUT bash tools/debug.sh build/os.iso build/kernel.elf > "$out/$1.log" 2>&1
  rc=$?
  report "$1" "$out/$1.log" $rc
}

boot_session
prog_session hello /tests/bin/hello
prog_session fault /tests/bin/kwrite
prog_session threads /tests/bin/gdb_threads
prog_session sigs /tests/bin/sigs_state
exit $failed
