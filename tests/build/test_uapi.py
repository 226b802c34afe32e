#!/usr/bin/env python3
"""test_uapi.py - the Linux ABI folder keeps its rules (uapi/README.md).

  - every uapi/*.h compiles on its own with the kernel's flags (it says what
    it needs, and its _Static_asserts on i386 sizes hold);
  - no macro or structure that uapi/ defines is defined again in the
    kernel's sources (each ABI fact is written once);
  - nothing in uapi/ includes a kernel header (it says what Linux does, not
    how tern does it).

Prints TAP-style lines ("ok - ..." / "not ok - ...") like the other layers.
"""
import glob
import os
import re
import subprocess
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
KERNEL_DIRS = ["boot", "kernel", "drivers", "mm", "proc", "elf", "fs", "tty", "tests/kernel"]
KERNEL_CFLAGS = ["-m32", "-march=i686", "-ffreestanding", "-fno-pie", "-nostdlib", "-O2",
                 "-Wall", "-Wextra", "-std=gnu11", "-I", ROOT]
DEFINE = re.compile(r"^\s*#\s*define\s+(\w+)", re.M)
STRUCT = re.compile(r"^\s*struct\s+(\w+)\s*\{", re.M)
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)

failures = 0


def report(name, ok, why=""):
    global failures
    failures += not ok
    print(("ok" if ok else "not ok") + " - uapi: " + name + ("" if ok else "  # " + why), flush=True)


def names(pattern, paths):
    found = {}
    for p in paths:
        for n in pattern.findall(open(p, errors="replace").read()):
            found.setdefault(n, []).append(os.path.relpath(p, ROOT))
    return found


def main():
    headers = sorted(glob.glob(os.path.join(ROOT, "uapi", "*.h")))
    report("the folder has headers", len(headers) > 0, "uapi/*.h is empty")
    broken, impure = [], []
    for h in headers:
        rel = os.path.relpath(h, ROOT)
        p = subprocess.run(["gcc"] + KERNEL_CFLAGS + ["-fsyntax-only", "-x", "c", h],
                           capture_output=True, text=True)
        if p.returncode:
            broken.append(f"{rel}: {p.stderr.strip()[-200:]}")
        impure += [f"{rel} includes {i}" for i in INCLUDE.findall(open(h).read())
                   if not i.startswith("uapi/")]
    report(f"each of the {len(headers)} headers compiles on its own", not broken, "; ".join(broken))
    report("no header includes a kernel header", not impure, "; ".join(impure))
    sources = [p for d in KERNEL_DIRS for ext in ("c", "h")
               for p in glob.glob(os.path.join(ROOT, d, f"*.{ext}"))]
    guard = re.compile(r"^UAPI_\w+_H$")
    for what, pattern in (("macro", DEFINE), ("structure", STRUCT)):
        abi = {n for n in names(pattern, headers) if not guard.match(n)}
        again = {n: where for n, where in names(pattern, sources).items() if n in abi}
        report(f"no {what} of uapi/ is defined again in the kernel", not again,
               "; ".join(f"{n} in {', '.join(w)}" for n, w in sorted(again.items())[:10]))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
