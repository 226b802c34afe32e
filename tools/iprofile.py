#!/usr/bin/env python3
"""iprofile.py - where a benchmark's guest instructions go, per function.

    python3 tools/iprofile.py NAME ITERS FUNC SKIP COUNT [OPTIONS]
    IPROFILE_LOG=LOG IPROFILE_DETAIL=FUNC,... python3 tools/iprofile.py ...

Boots tern as bench/run.py does (init=/bench/NAME -- ITERS, the benchmark
initramfs) with QEMU's gdb stub, lets the kernel function FUNC be entered
SKIP times (the warm-up), then logs every translated block executed
(QEMU `-d in_asm,exec,nochain`) until FUNC has been entered COUNT more
times: the window is COUNT whole operations when FUNC runs once per
operation. Prints each kernel function's instructions per operation
(user space is one line), largest first, and the total, which is the
benchmark's figure give or take a timer tick.

The gdb single step taken when the log is switched on makes QEMU throw
its translations away, so every block executed afterwards is logged as
it is translated again (in_asm) and each execution of it (exec). A block
is attributed to the function its first instruction is in. OPTIONS are
extra kernel command-line words (e.g. norandmaps). IPROFILE_LOG reads an
earlier run's log instead of booting; IPROFILE_DETAIL lists functions
whose instructions are printed one by one with their counts per operation.
"""
import bisect
import collections
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "tests", "system"))
sys.path.insert(0, os.path.join(ROOT, "bench"))
import qemu  # noqa: E402
from run import TERN_INITRD, MEM_MIB, ICOUNT  # noqa: E402

KERNEL_VBASE = 0xC0000000             # mm/layout.h: user space is below
GDB_PORT = 12345 + os.getpid() % 1000
INSN = re.compile(r"^0x([0-9a-f]+):")
TRACE = re.compile(r"^Trace \d+: \S+ \[[0-9a-f]+/([0-9a-f]+)/")


def kernel_symbols():
    out = subprocess.run(["nm", "-n", qemu.KERNEL], capture_output=True, text=True).stdout
    syms = [(int(a, 16), n) for a, t, n in (l.split()[:3] for l in out.splitlines() if len(l.split()) == 3)
            if t in "tTwW" and int(a, 16) >= KERNEL_VBASE]
    return [a for a, _ in syms], [n for _, n in syms]


def run(name, iters, func, skip, count, options):
    cmdline = f"init=/bench/{name} exit=debug{' ' + options if options else ''} -- {iters}"
    iso = qemu.iso_for(cmdline, TERN_INITRD)
    tmp = tempfile.mkdtemp(prefix="iprofile-")
    log = os.path.join(tmp, "qemu.log")
    cmd = qemu.qemu_command(iso, MEM_MIB, ICOUNT + ["-gdb", f"tcp:127.0.0.1:{GDB_PORT}", "-S", "-D", log],
                            qemu.GUARDED_CPU) + ["-serial", "file:" + os.path.join(tmp, "com1")]
    q = subprocess.Popen(cmd, stdin=subprocess.DEVNULL)
    gdb = ["gdb", "-q", "-batch", "-ex", f"target remote 127.0.0.1:{GDB_PORT}",
           "-ex", f"hbreak {func}", "-ex", f"ignore 1 {skip}", "-ex", "continue",
           "-ex", "monitor log in_asm,exec,nochain", "-ex", "stepi", "-ex", "delete",
           "-ex", f"hbreak {func}", "-ex", f"ignore 2 {count - 1}", "-ex", "continue",
           "-ex", "monitor log none", "-ex", "kill", qemu.KERNEL]
    subprocess.run(gdb, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=3600)
    q.kill()
    q.wait()
    return log


def profile(log):
    """{(block start, its instructions as (pc, text)): executions}, the
    blocks from in_asm (the latest translation at a pc wins), the counts
    from exec."""
    block, runs = {}, collections.Counter()
    start = None
    with open(log, errors="replace") as f:
        for line in f:
            if line.startswith("Trace "):
                m = TRACE.match(line)
                if m:
                    pc = int(m.group(1), 16)
                    runs[(pc, block.get(pc, ()))] += 1
                start = None
                continue
            m = INSN.match(line)
            if m:
                pc = int(m.group(1), 16)
                if start is None:
                    start = pc
                    block[start] = ()
                block[start] += ((pc, line.strip()),)
            elif line.startswith("IN:"):
                start = None
    return runs


def main():
    if len(sys.argv) < 6:
        sys.exit(__doc__)
    name, iters, func, skip, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
    options = " ".join(sys.argv[6:])
    log = os.environ.get("IPROFILE_LOG") or run(name, iters, func, skip, count, options)
    detail = set(filter(None, os.environ.get("IPROFILE_DETAIL", "").split(",")))
    addrs, names = kernel_symbols()
    per, lines = collections.Counter(), collections.Counter()
    for (pc, insns), k in profile(log).items():
        if pc < KERNEL_VBASE:
            per["(user)"] += len(insns) * k
            continue
        i = bisect.bisect_right(addrs, pc) - 1
        fn = names[i] if i >= 0 else hex(pc)
        per[fn] += len(insns) * k
        if fn in detail:
            for insn in insns:
                lines[insn] += k
    for insn in sorted(lines):
        print(f"{lines[insn] / count:8.2f}  {insn[1]}")
    total = sum(per.values())
    for fn, n in per.most_common():
        print(f"{n / count:10.1f}  {fn}")
    print(f"{total / count:10.1f}  total per operation ({log})")


if __name__ == "__main__":
    main()
