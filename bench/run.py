#!/usr/bin/env python3
"""run.py - `make bench`: the same static i386 benchmark programs on this
kernel (tern) and on Debian 12's own i386 Linux, under identical QEMU
settings; the in-kernel micro-benchmarks (bench=all) as well.

-icount shift=0 makes the guest TSC count guest instructions, sleep=off
skips idle time and the clock starts at a fixed date, so a figure is
"guest instructions per operation" and repeats exactly (docs/benchmarks.md).

  tern    one boot per benchmark: init=/bench/NAME exit=debug -- ITERS,
          twice: randomized (ASLR, as it boots by default) and with
          `norandmaps`
  Linux   one boot runs them all (a generated /init), twice: as shipped and
          with `norandmaps mitigations=off`

Like is compared with like: tern randomized against Linux as shipped (the
ratio), tern norandmaps against Linux norandmaps (the second ratio). Both
kernels run on the same CPU model, the test boots' (qemu.GUARDED_CPU: SMEP,
SMAP and RDRAND, which both use).

Writes build/bench/results.json, results.md and ratios.svg (gnuplot).
Run by `make bench` after bench/fetch.sh and bench/bench.mk; `--repeat`
runs every boot twice and reports any figure that differs; `--only
NAME[,NAME...]` runs just those benchmarks, on both sides, without the
in-kernel ones (`make bench BENCH_ARGS="--only getpid"`).
"""
import json
import math
import os
import re
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "system"))
import qemu  # noqa: E402
import boot_to_prompt  # noqa: E402
from qemu import boot, BUILD, ROOT, EXIT_PASS  # noqa: E402

OUT = os.path.join(BUILD, "bench")
TERN_INITRD = os.path.join(OUT, "tern.cpio")
BENCH_ROOT = os.path.join(OUT, "root")
LINUX_DIR = os.path.join(OUT, "linux")
MEM_MIB = 256
ICOUNT = ["-icount", "shift=0,sleep=off", "-rtc", "base=2020-01-01T00:00:00,clock=vm"]
TERN_TIMEOUT = 600               # seconds per tern boot
LINUX_TIMEOUT = 1200             # seconds per Linux boot (all benchmarks)
UNIT = "cycles/op"
PARITY = 1.0                     # chart: the ratio where tern equals Linux
MICRO_TARGET = 0.5               # issue 7: each micro-benchmark at most 0.5x Linux
FASTER_RGB = 0x2e8b57            # chart bar: tern faster (sea green)
SLOWER_RGB = 0xcd3333            # chart bar: tern slower (red)
CHART_HEADROOM = 2               # chart: room above and below the bars (log scale)

# name, kind, iterations (both sides), what one op is
BENCHMARKS = [
    ("getpid", "micro", 100000, "getpid system call round trip"),
    ("fork_exit_wait", "micro", 1000, "fork + _exit + waitpid"),
    ("fork_exec_wait", "micro", 300, "fork + execve of a static hello + waitpid"),
    ("vfork_exec_wait", "micro", 300, "vfork + execve of a static hello + waitpid"),
    ("page_touch", "micro", 10000, "first write to a fresh anonymous page"),
    ("mmap_munmap_64k", "micro", 10000, "mmap + munmap of 64 KiB, untouched"),
    ("pipe_pingpong", "micro", 10000, "pipe round trip between two processes"),
    ("file_create", "micro", 2000, "create + write 4 KiB + close + unlink"),
    ("stat", "micro", 10000, "stat of an existing path"),
    ("open_close", "micro", 10000, "open O_RDONLY of an existing file + close"),
    ("getdents_1000", "micro", 100, "open + getdents64 of 1,000 entries + close"),
    ("read_1m", "micro", 100, "open + read 1 MiB in 64 KiB reads + close"),
    ("yield_pingpong", "micro", 10000, "sched_yield round trip between two processes"),
    ("signal_handler", "micro", 10000, "kill self + SA_SIGINFO handler + rt_sigreturn"),
    ("futex_pingpong", "micro", 10000, "futex wait/wake round trip between two threads"),
    ("pthread_create_join", "micro", 1000, "pthread_create of a thread that returns + pthread_join"),
    ("sh_script", "macro", 3, "busybox sh running a script file of 200 external commands"),
    ("pipeline", "macro", 1, "busybox sh -c 'yes | head -c 100M > /dev/null' (bytes/cycle = 104857600 / this)"),
    ("nasm_50k", "macro", 1, "the NASM port: nasm -f elf32 of a generated 50,060-line source"),
    ("ld_50_objects", "macro", 2, "the binutils port: ld -m elf_i386 of 50 objects (about 1,000 functions)"),
    ("nasm_v_dyn", "macro", 20, "Debian's dynamically linked nasm -v: execve, glibc's ld.so, libc.so.6 (start-up)"),
]

# Benchmarks that need ports which do not exist yet: shown, never dropped.
NOT_YET = [
]
# Benchmarks with a harness of their own (not a program run under init=).
SPECIAL = {"boot_to_prompt"}      # bench/boot_to_prompt.py: four GRUB boots

TERN_MODES = [
    ("randomized", ""),
    ("norandmaps", "norandmaps"),
]

LINUX_MODES = [
    ("shipped", "console=ttyS0 quiet"),
    ("norandmaps", "console=ttyS0 quiet norandmaps mitigations=off"),
]

BENCH_LINE = re.compile(r"^BENCH name=(\S+) (?:iters=(\d+) cycles_per_op=(\d+)|error=\"(.*)\" errno=(\d+))\s*$", re.M)
TLB_LINE = re.compile(r"^tlb: cr3_loads=(\d+) invlpg=(\d+)$", re.M)
MISSING_SYSCALL = re.compile(r"^syscall (\d+) (?:(\S+) )?\(pid \d+, [^)]*\): not implemented", re.M)


def parse_bench_lines(text):
    """{name: (cycles or None, error or None, errno or None)} from BENCH lines."""
    found = {}
    for m in BENCH_LINE.finditer(text):
        name, _iters, cycles, error, errno = m.groups()
        found[name] = (int(cycles), None, None) if cycles else (None, error, int(errno))
    return found


def tail(text, n=10):
    return "\n".join(text.strip().splitlines()[-n:])


def tlb_per_op(console, iters):
    """The kernel's count of CR3 loads and invlpg over the program's whole
    run (the 'tlb:' line at init's end), per iteration; None if missing."""
    m = TLB_LINE.search(console)
    if not m:
        return None
    return {"cr3_loads_per_op": round(int(m.group(1)) / iters, 2),
            "invlpg_per_op": round(int(m.group(2)) / iters, 2)}


def tern_run(name, args, extra=ICOUNT, timeout=TERN_TIMEOUT, options=""):
    """Boot tern with init=/bench/NAME [OPTIONS] -- ARGS.
    Returns (cycles, error, errno, seconds, tlb) where tlb is tlb_per_op's."""
    opts = f" {options}" if options else ""
    b = boot(f"init=/bench/{name} exit=debug{opts} -- {args}", mem=MEM_MIB, timeout=timeout,
                      initrd=TERN_INITRD, extra=extra)
    cycles, error, errno = parse_bench_lines(b.console).get(name, (None, None, None))
    words = str(args).split()
    tlb = tlb_per_op(b.console, int(words[0]) if words and words[0].isdigit() else 1)
    if b.timed_out:
        return None, f"timed out after {b.seconds:.0f}s", None, b.seconds, tlb
    if cycles is not None and b.status == EXIT_PASS:
        return cycles, None, None, b.seconds, tlb
    if error is None:
        error = f"no BENCH line (QEMU status {b.status}); console ends: {tail(b.console, 3)!r}"
    missing = [f"{n} {s}".strip() for n, s in MISSING_SYSCALL.findall(b.console)
               if s != "rseq"]              # glibc copes with rseq missing
    if missing:
        error += f" [kernel: syscall {missing[-1]} not implemented]"
    return None, error, errno, b.seconds, tlb


def kernel_figures():
    """The in-kernel micro-benchmarks (bench=all): COM2 lines 'bench NAME ITER CYCLES'."""
    b = boot("bench=all", mem=MEM_MIB, timeout=TERN_TIMEOUT, extra=ICOUNT)
    if b.status != EXIT_PASS or "bench-done" not in b.tap:
        sys.exit("bench: the in-kernel benchmark run failed (status %s); console ends:\n%s"
                 % (b.status, tail(b.console, 15)))
    rows = re.findall(r"^bench (\S+) (\d+) (\d+)$", b.tap, re.M)
    return [{"name": n, "kind": "kernel", "this": int(c), "linux": None, "unit": UNIT,
             "iterations": int(i), "error": "in-kernel operation: no Linux run"}
            for n, i, c in rows], b.seconds


def linux_initrd():
    """build/bench/linux.cpio: the benchmark tree, busybox, and an /init that
    runs every benchmark, prints to ttyS0 and powers off."""
    stage = os.path.join(OUT, "linux-root")
    shutil.rmtree(stage, ignore_errors=True)
    shutil.copytree(BENCH_ROOT, stage, symlinks=True)
    for d in ("bin", "dev", "proc"):
        os.makedirs(os.path.join(stage, d), exist_ok=True)
    shutil.copy(os.path.join(LINUX_DIR, "busybox"), os.path.join(stage, "bin", "busybox"))
    os.symlink("busybox", os.path.join(stage, "bin", "sh"))
    script = ["#!/bin/sh", "# generated by bench/run.py: run the benchmarks, then power off",
              "/bin/busybox mount -t devtmpfs dev /dev",
              "exec >/dev/ttyS0 2>&1 </dev/null",
              "echo BENCH-LINUX-START"]
    script += [f"/bench/{name} {iters}" for name, _kind, iters, _what in BENCHMARKS]
    script += ["echo BENCH-LINUX-DONE", "/bin/busybox poweroff -f", ""]
    with open(os.path.join(stage, "init"), "w") as f:
        f.write("\n".join(script))
    os.chmod(os.path.join(stage, "init"), 0o755)
    out = os.path.join(OUT, "linux.cpio")
    subprocess.run(["bash", os.path.join(ROOT, "tools", "mkinitrd.sh"), stage, out], check=True)
    return out


def linux_command(append, log):
    return ["qemu-system-i386", "-kernel", os.path.join(LINUX_DIR, "vmlinuz"),
            "-initrd", os.path.join(OUT, "linux.cpio"), "-append", append,
            "-cpu", qemu.GUARDED_CPU, "-m", str(MEM_MIB), "-display", "none", "-no-reboot",
            "-serial", "file:" + log] + ICOUNT


def linux_run(mode, append):
    """One Linux boot running every benchmark. Returns ({name: ...}, seconds);
    a boot that does not finish stops the whole run with the reason."""
    log = os.path.join(OUT, f"linux-{mode}.log")
    start = time.monotonic()
    try:
        status = subprocess.run(linux_command(append, log), timeout=LINUX_TIMEOUT,
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE).returncode
    except subprocess.TimeoutExpired:
        status = "timeout"
    seconds = time.monotonic() - start
    with open(log, errors="replace") as f:
        text = f.read().replace("\r\n", "\n")
    if "BENCH-LINUX-DONE" not in text:
        sys.exit(f"bench: Linux ({mode}) did not finish (QEMU status {status}, {seconds:.0f}s); "
                 f"{log} ends:\n{tail(text, 15)}")
    return parse_bench_lines(text), seconds


def side_error(side, error, errno):
    return f"{side}: {error}" + (f" (errno {errno})" if errno else "")


def compare(tern, linux):
    """The result rows for BENCHMARKS and NOT_YET."""
    rows = []
    for name, kind, iters, what in BENCHMARKS:
        t_cycles, t_err, t_errno, t_secs, t_tlb = tern["randomized"][name]
        t_fixed, f_err, f_errno, f_secs, _ = tern["norandmaps"][name]
        runs = {mode: linux[mode][0].get(name, (None, "no BENCH line", None)) for mode, _ in LINUX_MODES}
        figures = {mode: r[0] for mode, r in runs.items()}
        row = {"name": name, "kind": kind, "this": t_cycles, "linux": figures["shipped"],
               "unit": UNIT, "iterations": iters, "what": what, "this_norandmaps": t_fixed,
               "linux_shipped": figures["shipped"], "linux_norandmaps": figures["norandmaps"],
               "this_wall_seconds": round(t_secs + f_secs, 1), **(t_tlb or {})}
        errors = []
        if t_cycles is None:
            errors.append(side_error("tern", t_err, t_errno))
        if t_fixed is None:
            errors.append(side_error("tern norandmaps", f_err, f_errno))
        for mode, _ in LINUX_MODES:
            if figures[mode] is None:
                r = runs[mode]
                errors.append(side_error(f"Linux {mode}", r[1], r[2]))
        if errors:
            row["error"] = "; ".join(errors)
        if t_cycles is not None and figures["shipped"]:
            row["ratio"] = t_cycles / figures["shipped"]
        if t_fixed is not None and figures["norandmaps"]:
            row["ratio_norandmaps"] = t_fixed / figures["norandmaps"]
        rows.append(row)
    for name, kind, why_this, why_linux in NOT_YET:
        rows.append({"name": name, "kind": kind, "this": None, "linux": None, "unit": UNIT,
                     "error": f"tern: {why_this}; Linux: {why_linux}"})
    return rows


def geomean(values):
    return math.exp(sum(math.log(v) for v in values) / len(values)) if values else None


def fmt(v):
    return "FAILED" if v is None else f"{v:,}"


def table(rows):
    lines = ["| benchmark | kind | tern | Linux shipped | ratio | tern norandmaps | Linux norandmaps "
             "| ratio norandmaps | tern CR3 loads/op | tern invlpg/op |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"]

    def ratio(r, key):
        return f"{r[key]:.2f}" if key in r else "—"

    def opt(r, key):
        return fmt(r.get(key)) if key in r else "—"
    for r in rows:
        linux = "—" if r["kind"] == "kernel" else fmt(r["linux"])
        lines.append(f"| {r['name']} | {r['kind']} | {fmt(r['this'])} | {linux} | {ratio(r, 'ratio')} | "
                     f"{opt(r, 'this_norandmaps')} | {opt(r, 'linux_norandmaps')} | "
                     f"{ratio(r, 'ratio_norandmaps')} | "
                     f"{r.get('cr3_loads_per_op', '—')} | {r.get('invlpg_per_op', '—')} |")
    for kind in ("micro", "macro"):
        n = sum(1 for r in rows if r["kind"] == kind)
        for key, what in (("ratio", "randomized, against Linux as shipped"),
                          ("ratio_norandmaps", "both norandmaps")):
            g = geomean([r[key] for r in rows if r["kind"] == kind and key in r])
            got = sum(1 for r in rows if r["kind"] == kind and key in r)
            lines.append(f"\n{kind}: geometric mean of the ratios ({what}) "
                         + (f"{g:.2f} over {got} of {n} benchmarks" if g else f"— (none of {n} ran on both sides)"))
    failed = [r for r in rows if "error" in r and r["kind"] != "kernel"]
    if failed:
        lines.append("\nFailed or not yet (the reason, per side):\n")
        lines += [f"- {r['name']}: {r['error']}" for r in failed]
    return "\n".join(lines)


def chart(rows, path):
    """A bar chart of the ratios (log scale; below 1 tern is faster)."""
    if not shutil.which("gnuplot"):
        print("bench: no gnuplot: no chart (bench/fetch.sh installs gnuplot-nox)")
        return
    data = [r for r in rows if "ratio" in r]
    if not data:
        print("bench: no benchmark ran on both sides: no chart")
        return
    dat = os.path.splitext(path)[0] + ".dat"
    terminal = "pngcairo" if path.endswith(".png") else "svg"
    with open(dat, "w") as f:
        for i, r in enumerate(data):
            f.write(f"{i} {r['ratio']:.6g} \"{r['name']}\" {FASTER_RGB if r['ratio'] < PARITY else SLOWER_RGB}\n")
    failed = sum(1 for r in rows if "ratio" not in r and r["kind"] != "kernel")
    ratios = [r["ratio"] for r in data]
    low = min(ratios + [MICRO_TARGET]) / CHART_HEADROOM
    high = max(ratios + [PARITY]) * CHART_HEADROOM
    script = f"""set terminal {terminal} size 900,480 font 'sans,12'
set output '{path}'
set termoption noenhanced
set title 'tern / Linux, guest cycles per operation (below 1: tern is faster; {failed} not run on both sides)'
set logscale y
set yrange [{low:.3g}:{high:.3g}]
set bmargin 6
set ylabel 'ratio tern/Linux (log)'
set style fill solid 0.8
set boxwidth 0.6
set xtics rotate by -30
set grid ytics
set key top left
plot '{dat}' using 1:2:4:xtic(3) with boxes lc rgb variable notitle, \\
     '' using 1:2:(sprintf('%.2f', $2)) with labels offset 0,0.7 notitle, \\
     {PARITY} with lines dt 2 lc rgb 'black' title 'parity', \\
     {MICRO_TARGET} with lines dt 3 lc rgb 'gray40' title 'micro target ({MICRO_TARGET})'
"""
    r = subprocess.run(["gnuplot"], input=script, text=True, capture_output=True)
    if r.returncode:
        print("bench: gnuplot failed: " + r.stderr.strip())


def snapshot_kernel():
    """Benchmark one kernel: a copy of build/kernel.elf taken now, so that a
    rebuild during the run (others share the tree) cannot mix two kernels."""
    copy = os.path.join(OUT, "kernel.elf")
    shutil.copy(qemu.KERNEL, copy)
    qemu.KERNEL = copy
    git = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=ROOT,
                         capture_output=True, text=True).stdout.strip()
    return git or "?"


def run_all(only=None):
    if only:
        kernel_rows, kernel_secs = [], 0.0
    else:
        print(f"bench: in-kernel micro-benchmarks (bench=all)", flush=True)
        kernel_rows, kernel_secs = kernel_figures()
    tern = {mode: {} for mode, _ in TERN_MODES}
    for name, _kind, iters, _what in BENCHMARKS:
        for mode, options in TERN_MODES:
            tern[mode][name] = tern_run(name, iters, options=options)
            c, e, _n, s, _tlb = tern[mode][name]
            print(f"bench: tern ({mode}) {name} {iters}: {fmt(c) if c is not None else 'FAILED ' + e} "
                  f"({s:.1f}s)", flush=True)
    if not BENCHMARKS:
        return [], {"kernel_seconds": kernel_secs, "linux_shipped_seconds": 0, "linux_norandmaps_seconds": 0}
    linux_initrd()
    linux = {}
    for mode, append in LINUX_MODES:
        print(f"bench: Linux ({mode}: {append}) running every benchmark ...", flush=True)
        linux[mode] = linux_run(mode, append)
        print(f"bench: Linux ({mode}) done in {linux[mode][1]:.0f}s", flush=True)
    return compare(tern, linux) + kernel_rows, {"kernel_seconds": kernel_secs,
                                                  **{f"linux_{m}_seconds": linux[m][1] for m, _ in LINUX_MODES}}


def figures(rows):
    return {(r["name"], k): r.get(k) for r in rows
            for k in ("this", "this_norandmaps", "linux_shipped", "linux_norandmaps")}


def select(only):
    """Keep only the named benchmarks (and no "not yet" rows); unknown names stop the run."""
    global BENCHMARKS, NOT_YET
    names = only.split(",")
    unknown = [n for n in names if n not in {b[0] for b in BENCHMARKS} | SPECIAL]
    if unknown:
        sys.exit(f"bench: --only: no benchmark named {', '.join(unknown)}")
    BENCHMARKS = [b for b in BENCHMARKS if b[0] in names]
    NOT_YET = []
    return set(names) & SPECIAL


def main():
    args = sys.argv[1:]
    repeat = "--repeat" in args
    only = args[args.index("--only") + 1] if "--only" in args[:-1] else None
    specials = select(only) if only else SPECIAL
    commit = snapshot_kernel()
    print(f"bench: kernel of commit {commit} (snapshot build/bench/kernel.elf)", flush=True)
    rows, walls = run_all(only)
    if "boot_to_prompt" in specials:
        print("bench: boot_to_prompt: four GRUB boots (tern, Linux, and the loader alone for each)", flush=True)
        row = boot_to_prompt.measure()
        print("bench: boot_to_prompt: " + ", ".join(f"{k} {v}" for k, v in row.items()
                                                    if k.endswith("_tsc")), flush=True)
        rows.append(row)
    if repeat:
        print("bench: --repeat: every boot again, to compare the figures", flush=True)
        again, _ = run_all(only)
        a, b = figures(rows), figures(again)
        diffs = [f"{n} {k}: {a[(n, k)]} then {b.get((n, k))}" for n, k in a if a[(n, k)] != b.get((n, k))]
        print("bench: repeat check: " + ("every figure identical in both runs" if not diffs
                                         else f"{len(diffs)} figures differ:\n  " + "\n  ".join(diffs)))
    with open(os.path.join(OUT, "results.json"), "w") as f:
        json.dump(rows, f, indent=1)
    text = table(rows)
    version_file = os.path.join(LINUX_DIR, "kernel-version")
    linux_version = open(version_file).read().strip() if os.path.exists(version_file) else "?"
    note = (f"tern at commit {commit}. Guest cycles per operation (-icount shift=0: one cycle per guest instruction), "
            f"-m {MEM_MIB}, -cpu {qemu.GUARDED_CPU} on both sides. Linux: Debian's {linux_version}. "
            f"Like with like: tern randomized (ASLR on, its default) against Linux as shipped, and "
            f"tern norandmaps against Linux norandmaps mitigations=off. Wall clock, for information only: "
            f"Linux boots {walls['linux_shipped_seconds']:.0f}s and {walls['linux_norandmaps_seconds']:.0f}s; "
            f"tern boots {sum(r.get('this_wall_seconds', 0) for r in rows):.0f}s for "
            f"{len(BENCHMARKS)} benchmarks, "
            + ("bench=all not run (--only)." if only else f"{walls['kernel_seconds']:.0f}s for bench=all.")
            + " CR3 loads/op and invlpg/op: the kernel's counts over the program's whole run "
            "(setup and warm-up included) divided by the iterations.")
    with open(os.path.join(OUT, "results.md"), "w") as f:
        f.write(text + "\n\n" + note + "\n")
    chart(rows, os.path.join(OUT, "ratios.svg"))
    print(text)
    print("\n" + note)
    print("bench: wrote build/bench/results.json, results.md, ratios.svg")
    return 0


if __name__ == "__main__":
    sys.exit(main())
