#!/usr/bin/env python3
"""test_syscall_table.py - the generated system-call table keeps its promises.

kernel/syscall_32.tbl -> tools/gensyscalls.py -> gen/syscalls.h and
gen/syscall_table.c. Checked here, on the host, with the kernel's compiler
flags:
  - every number 0..max has a name, and the names are Linux's (compared with
    the host's <asm/unistd_32.h> when it has one: Debian 12 ships 6.1's);
  - a handler defined with another signature than its table line does not
    compile (wrong arity, wrong argument type, wrong return type), and a
    user pointer cannot be dereferenced; the right definition does compile
    (so the failures are the signature's, not the harness's);
  - the generator refuses malformed tables (a kernel pointer argument, a
    missing number, a handler declared twice, an alias of nothing).

Prints TAP-style lines ("ok - ..." / "not ok - ...") like the other layers.
"""
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
GEN = os.path.join(ROOT, "tools", "gensyscalls.py")
TABLE = os.path.join(ROOT, "kernel", "syscall_32.tbl")
HOST_UNISTD = ["/usr/include/x86_64-linux-gnu/asm/unistd_32.h", "/usr/include/asm/unistd_32.h",
               "/usr/include/i386-linux-gnu/asm/unistd_32.h"]
KERNEL_CFLAGS = ["-m32", "-march=i686", "-ffreestanding", "-fno-pie", "-nostdlib", "-O2",
                 "-Wall", "-Wextra", "-std=gnu11"]

failures = 0


def report(name, ok, why=""):
    global failures
    failures += not ok
    print(("ok" if ok else "not ok") + " - syscall table: " + name + ("" if ok else "  # " + why), flush=True)


def generate(table_text, outdir):
    """Run the generator on table_text; (returncode, stderr)."""
    tbl = os.path.join(outdir, "t.tbl")
    os.makedirs(os.path.join(outdir, "gen"), exist_ok=True)
    with open(tbl, "w") as f:
        f.write(table_text)
    p = subprocess.run([sys.executable, GEN, tbl, os.path.join(outdir, "gen", "syscalls.h"),
                        os.path.join(outdir, "gen", "syscall_table.c")],
                       capture_output=True, text=True)
    return p.returncode, p.stderr


def compile_c(source, outdir, name):
    """Compile source as a kernel file would be; (ok, compiler output)."""
    path = os.path.join(outdir, name + ".c")
    with open(path, "w") as f:
        f.write(source)
    hdr = os.path.join(outdir, "gen", "syscalls.h")
    p = subprocess.run(["gcc"] + KERNEL_CFLAGS + ["-I", ROOT, "-I", outdir, "-include", hdr,
                        "-c", path, "-o", os.path.join(outdir, name + ".o")],
                       capture_output=True, text=True)
    return p.returncode == 0, p.stderr


def check_real_table():
    with tempfile.TemporaryDirectory() as d:
        rc, err = generate(open(TABLE).read(), d)
        report("the generator accepts kernel/syscall_32.tbl", rc == 0, err.strip())
        if rc:
            return
        src = open(os.path.join(d, "gen", "syscall_table.c")).read()
        hdr = open(os.path.join(d, "gen", "syscalls.h")).read()
    count = int(re.search(r"#define NR_SYSCALLS (\d+)", hdr).group(1))
    named = {int(n): name for n, name in re.findall(r'\[(\d+)\] = \{ "([^"]+)"', src)}
    missing = [n for n in range(count) if not named.get(n)]
    report(f"every number 0..{count - 1} has a name", not missing and len(named) == count,
           f"no name for {missing[:10]}")
    nrs = {name: int(n) for name, n in re.findall(r"#define __NR_(\w+) (\d+)", hdr)}
    host = next((p for p in HOST_UNISTD if os.path.exists(p)), None)
    if not host:
        print("skip - syscall table: names match the host's <asm/unistd_32.h>  # no such header here")
        return
    linux = {name: int(n) for name, n in re.findall(r"#define __NR_(\w+) (\d+)", open(host).read())}
    # A newer host may know calls past 6.1's last one: compare what 6.1 has.
    diff = sorted(set((n, v) for n, v in linux.items() if v < count) ^ set(nrs.items()))
    report(f"names and numbers match {host}", not diff, f"differences: {diff[:10]}")


DEMO_TABLE = """# a small table for the compile checks
0 restart_syscall -
1 demo sys_demo(int a, user_ptr_t p)
2 demo_alias sys_demo
"""

HANDLERS = {
    "the right signature compiles": (True,
        "long sys_demo(int a, user_ptr_t p) { return a + (long)p.addr; }"),
    "a handler with an extra argument is rejected": (False,
        "long sys_demo(int a, user_ptr_t p, int b) { return a + b + (long)p.addr; }"),
    "a handler with a missing argument is rejected": (False,
        "long sys_demo(int a) { return a; }"),
    "a handler returning int is rejected": (False,
        "int sys_demo(int a, user_ptr_t p) { return a + (int)p.addr; }"),
    "a handler taking a uint32_t for a user pointer is rejected": (False,
        "long sys_demo(int a, uint32_t p) { return a + (long)p; }"),
    "a handler taking a kernel pointer for a user pointer is rejected": (False,
        "long sys_demo(int a, int *p) { return a + *p; }"),
    "a user pointer cannot be dereferenced": (False,
        "long sys_demo(int a, user_ptr_t p) { return a + *(int *)p; }"),
    "a user pointer cannot be used as a number": (False,
        "long sys_demo(int a, user_ptr_t p) { return a + p; }"),
}


def check_signatures():
    with tempfile.TemporaryDirectory() as d:
        rc, err = generate(DEMO_TABLE, d)
        report("the generator accepts a small table", rc == 0, err.strip())
        if rc:
            return
        ok, err = compile_c(open(os.path.join(d, "gen", "syscall_table.c")).read(), d, "table")
        report("the generated table compiles", ok, err.strip()[-300:])
        for i, (name, (want, body)) in enumerate(HANDLERS.items()):
            ok, err = compile_c(body + "\n", d, f"h{i}")
            report(name, ok == want, "compiled" if ok else err.strip()[-300:])
        tbl = open(os.path.join(d, "gen", "syscall_table.c")).read()
        report("an alias shares its handler's entry point",
               '[2] = { "demo_alias", entry_sys_demo }' in tbl, tbl[-300:])


BAD_TABLES = {
    "a kernel pointer argument": "0 a sys_a(int *p)\n",
    "a missing number": "0 a -\n2 b -\n",
    "a handler declared twice": "0 a sys_a(int x)\n1 b sys_a(int x)\n",
    "an alias of an undeclared handler": "0 a sys_a\n",
    "a name used twice": "0 a -\n1 a -\n",
    "seven arguments": "0 a sys_a(int a, int b, int c, int d, int e, int f, int g)\n",
    "a 64-bit argument": "0 a sys_a(uint64_t x)\n",
}


def check_refusals():
    for name, text in BAD_TABLES.items():
        with tempfile.TemporaryDirectory() as d:
            rc, err = generate(text, d)
            report(f"the generator refuses {name}", rc != 0 and "gensyscalls:" in err,
                   f"exit {rc}: {err.strip()}")


def main():
    check_real_table()
    check_signatures()
    check_refusals()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
