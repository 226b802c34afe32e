#!/usr/bin/env python3
"""run.py - `make bench`: boot the kernel with bench=all under
deterministic QEMU settings and report guest cycles per operation.

-icount shift=0 makes the guest TSC count instructions (one per cycle),
sleep=off skips idle time and the clock starts at a fixed date, so a
repeated run gives the same figures. Writes build/bench/results.json
and results.md. The Linux side of the comparison arrives with the user
benchmarks (docs/benchmarks.md); in-kernel operations have no Linux run.
"""
import json
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "system"))
from qemu import boot, BUILD, EXIT_PASS  # noqa: E402

ICOUNT = ["-icount", "shift=0,sleep=off", "-rtc", "base=2020-01-01T00:00:00,clock=vm"]


def main():
    b = boot("bench=all", mem=256, timeout=600, extra=ICOUNT)
    rows = [m.groups() for m in re.finditer(r"^bench (\S+) (\d+) (\d+)$", b.tap, re.M)]
    if b.status != EXIT_PASS or "bench-done" not in b.tap:
        print("bench: the kernel run failed (status %s); console ends:\n%s"
              % (b.status, "\n".join(b.console.splitlines()[-15:])))
        return 1
    out = os.path.join(BUILD, "bench")
    os.makedirs(out, exist_ok=True)
    results = [{"name": n, "kind": "kernel", "this": int(c), "linux": None, "unit": "cycles/op",
                "iterations": int(i), "error": "in-kernel operation: no Linux run"} for n, i, c in rows]
    with open(os.path.join(out, "results.json"), "w") as f:
        json.dump(results, f, indent=1)
    lines = ["| benchmark | iterations | guest cycles/op |", "|---|---:|---:|"]
    lines += [f"| {r['name']} | {r['iterations']} | {r['this']} |" for r in results]
    with open(os.path.join(out, "results.md"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines))
    print(f"(qemu-system-i386 {' '.join(ICOUNT)}; wall {b.seconds:.1f}s; build/bench/results.json)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
