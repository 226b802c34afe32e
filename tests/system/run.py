#!/usr/bin/env python3
"""run.py - the system tests: boot the ISO headless and check the transcript.

Prints one TAP-style line per check ("ok - NAME" / "not ok - NAME # why");
in-guest tests (test=...) report their own TAP on COM2 and every one of
them is counted here as a test of its own.
"""
import os
import re
import subprocess
import sys
import tempfile
import time

from host import HOST_RUN, HOST_TIMEOUT, run_on_host
from qemu import boot, BUILD, EXIT_PASS, EXIT_FAIL, INITRD, ROOT, PLAIN_CPU

results = []


def report(name, ok, why=""):
    results.append(ok)
    print(("ok" if ok else "not ok") + " - " + name + ("" if ok else "  # " + why), flush=True)


def tail(text, n=15):
    return "\n#   ".join(text.strip().splitlines()[-n:])


def expect(name, b, patterns, status):
    """Every regex in patterns is in the console and QEMU ended with status."""
    if b.timed_out:
        return report(name, False, f"timed out after {b.seconds:.0f}s; console ends:\n#   " + tail(b.console))
    missing = [p for p in patterns if not re.search(p, b.console, re.M)]
    if b.status != status:
        return report(name, False, f"QEMU exit status {b.status}, expected {status}; console ends:\n#   " + tail(b.console))
    if missing:
        return report(name, False, f"console lacks {missing}; console ends:\n#   " + tail(b.console))
    report(name, True)


def small_initrd():
    """A cpio (newc) of build/rootfs/etc alone. The full initramfs (60 MB
    of static test programs before they became one multi-call binary) left
    GRUB too little room at -m 64, where it dropped the module; the memory
    checks are about RAM, not it."""
    path = os.path.join(BUILD, "tests", "small.cpio")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    names = subprocess.run(["find", "etc"], cwd=os.path.join(BUILD, "rootfs"),
                           capture_output=True, check=True).stdout
    with open(path, "wb") as out:
        subprocess.run(["cpio", "--quiet", "-o", "-H", "newc"], cwd=os.path.join(BUILD, "rootfs"),
                       input=names, stdout=out, check=True)
    return path


def check_memory(mem, initrd=INITRD):
    b = boot("test=boot", mem=mem, initrd=initrd)
    expect(f"boot -m {mem}: banner, RAM size, module list", b, [
        r"^tern \d+\.\d+",
        rf"RAM top at {mem} MiB",
        r"^frame: \d+ frames free",
        r"^modules: 1$",
        r"module 0: [0-9a-f]{8}-[0-9a-f]{8} \(\d+ bytes\) initrd",
    ], EXIT_PASS)
    m = re.search(r"memory: (\d+) KiB available", b.console)
    kib = int(m.group(1)) if m else 0
    # QEMU keeps the top 128 KiB and the 384 KiB below 1 MiB for firmware.
    report(f"boot -m {mem}: available memory within 1 MiB of -m",
           mem * 1024 - 1024 <= kib <= mem * 1024, f"reported {kib} KiB")


def check_crash(what, exception, function, caller="kmain", bug=None, also=()):
    """A deliberate fault is reported: its kind, then a backtrace naming the
    faulting function and (unless the stack was switched) its caller chain.
    bug names the regression test the check is (tests/kernel/crash.c);
    also: more regexes the console must hold."""
    b = boot(f"crash={what}")
    expect((f"{bug}: " if bug else "") + f"crash={what}: {exception} reported in {function}", b, [
        re.escape(exception), r"backtrace:", r"\] " + re.escape(function) + r"\+0x",
        r"\] " + caller + r"\+0x"] + list(also), EXIT_FAIL)


def check_guards():
    """SMEP and SMAP (kernel/protect.h): with them (every other boot's CPU)
    a kernel read of a user page outside copy_*_user and a jump into a
    user page are reported as breaches; without them the kernel runs as
    before (the in-guest suite says which guards it had)."""
    check_crash("smap", "KERNEL PAGE FAULT: SMAP: kernel access to a user page outside copy_*_user",
                "crash_smap_read")
    # The fetch faults in the user page: the frame chain starts at its caller's caller.
    check_crash("smep", "KERNEL PAGE FAULT: SMEP: the kernel tried to execute a user page",
                "crash_if_asked", also=[r"instruction fetch of a present"])
    b = boot("test=protect")
    expect("test=protect with SMEP and SMAP: the unguarded read faulted, was reported, survived", b, [
        r"SMEP on, SMAP on", r"SMAP: kernel access to a user page outside copy_\*_user",
        r"\] probe_start\+0x", r"the SMAP test's probe: survived"], EXIT_PASS)
    report("test=protect with SMEP and SMAP: guards on", "# SMEP on, SMAP on" in b.tap, b.tap)
    b = boot("test=protect", cpu=PLAIN_CPU)
    expect("test=protect on a CPU without SMEP and SMAP: guards off, tests pass", b,
           [r"SMEP off, SMAP off", r"ktest: 3 passed, 0 failed"], EXIT_PASS)
    report("test=protect without SMEP and SMAP: guards off", "# SMEP off, SMAP off" in b.tap, b.tap)


def check_frames(mem, note=None):
    """The frame allocator at an extreme memory size: exact drain and refill."""
    b = boot("test=frame", mem=mem, timeout=180)
    expect(f"-m {mem}: frame allocator drains and refills exactly", b,
           [r"^frame: \d+ frames free"] + ([note] if note else []), EXIT_PASS)


def run_ktests(filter_, extra=(), timeout=120):
    b = boot(f"test={filter_}", timeout=timeout, extra=extra)
    tap = [l for l in b.tap.splitlines() if re.match(r"(not )?ok \d+", l)]
    plan = re.search(r"^1\.\.(\d+)", b.tap, re.M)
    for line in b.tap.splitlines():
        if line.startswith("# "):
            print(line)
    for line in tap:
        m = re.match(r"(not )?ok \d+ - (.*)", line)
        report("in-guest " + m.group(2), m.group(1) is None, "see the # lines above")
    if b.timed_out or not plan or len(tap) != int(plan.group(1)):
        report(f"in-guest test={filter_} ran to completion", False,
               f"plan {plan.group(1) if plan else '?'}, {len(tap)} reported, status {b.status}; console ends:\n#   " + tail(b.console))
    else:
        report(f"in-guest test={filter_} ended with the right verdict",
               b.status == (EXIT_PASS if all(not l.startswith("not") for l in tap) else EXIT_FAIL),
               f"status {b.status}")


# 100,000 calls of the multi-process fuzzer (tests/kernel/fuzz_test.c);
# `make stress` runs 1,000,000 (run.py --stress).
FUZZ_TIMEOUT = 600

USER_BIN = os.path.join(ROOT, "build", "user", "tests")


EXPECTED = os.path.join(ROOT, "tests", "user", "expected")


def host_oracle(argv):
    """What the same binary prints on the host (natively or via qemu-i386),
    or, where qemu-user is known to differ from Linux, Linux's output kept
    in tests/user/expected/NAME (the README there says how it was made)."""
    kept = os.path.join(EXPECTED, os.path.basename(argv[0]))
    if os.path.exists(kept):
        return open(kept).read()
    prog = os.path.join(USER_BIN, os.path.basename(argv[0]))
    return run_on_host(["bash", HOST_RUN, prog] + argv[1:])


# Programs that execve another i386 program: on a host that runs i386 code
# neither natively nor through binfmt_misc (tools/binfmt_i386.sh) they have
# no oracle, and are skipped there with the reason.
NEEDS_HOST_EXEC = {"forkexec", "execve_limits", "pipe2_cloexec", "execve_empty_argv"}


def host_can_exec_i386():
    r = subprocess.run(["bash", os.path.join(ROOT, "tools", "binfmt_i386.sh")],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return r.returncode == 0


def skip(name, why):
    print(f"skip - {name}  # {why}", flush=True)


def gone(pid, wait=5.0):
    """pid has ended (a zombie counts: its parent is gone, init reaps it)."""
    end = time.monotonic() + wait
    while time.monotonic() < end:
        try:
            if open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[0] == "Z":
                return True
        except (FileNotFoundError, ProcessLookupError):
            return True
        time.sleep(0.1)
    return False


def check_host_timeout():
    """host_run_timeout_was_fatal: a host oracle run that hung (one
    pipe_blocked_ends run did) raised TimeoutExpired out of run.py, so every
    check after it was lost, and only its shell was killed: the program
    went on. Now that run fails alone and its whole process group goes."""
    with tempfile.TemporaryDirectory() as tmp:
        pidfile = os.path.join(tmp, "pid")
        out = run_on_host(["sh", "-c", f"sleep 600 & echo $! > {pidfile}; wait"], timeout=1)
        pid = int(open(pidfile).read())
        report("host_run_timeout_was_fatal: a hanging host run times out alone, its group killed",
               out is None and gone(pid), f"output {out!r}; pid {pid} (sleep 600) still running")


def check_user_programs():
    """Run tests/user/list in the guest; each run must print exactly what the
    host prints for the same binary and arguments, and end the same way."""
    b = boot("test=user", timeout=300)
    runs = re.findall(r"^=== run (\S+) ([^\n]*)\n(.*?)^(=== (?:exit|signal|spawn error) -?\d+)$",
                      b.tap, re.M | re.S)
    can_exec = host_can_exec_i386()
    for tag, cmd, out, end in runs:
        argv = cmd.split()
        guest = out + end + "\n"
        if os.path.basename(argv[0]) in NEEDS_HOST_EXEC and not can_exec:
            skip(f"user {cmd}: output and exit match the host",
                 "this host cannot run an i386 program that execs another (no binfmt_misc)")
            continue
        host = host_oracle(argv)
        if host is None:
            report(f"user {cmd}: output and exit match the host", False,
                   f"the host run did not end within {HOST_TIMEOUT:.0f} s (a hang?)")
            continue
        report(f"user {cmd}: output and exit match the host", guest == host,
               "guest:\n#   " + guest.replace("\n", "\n#   ") + "\n# host:\n#   " + host.replace("\n", "\n#   "))
    # user.running_out_of_memory_is_survived: the process the kernel killed
    # for want of memory is named on the console (Linux's OOM report).
    report("running_out_of_memory_is_survived: the out-of-memory kill names the process",
           re.search(r"out of memory: pid \d+ \(/tests/bin/exhaust\) killed", b.console) is not None,
           "no 'out of memory: pid N (/tests/bin/exhaust) killed' line on the console")
    ktap = re.sub(r"^=== run .*?^=== (?:exit|signal|spawn error) -?\d+\n", "", b.tap, flags=re.M | re.S)
    for line in ktap.splitlines():
        if line.startswith("# "):
            print(line)
        m = re.match(r"(not )?ok \d+ - (.*)", line)
        if m:
            report("in-guest " + m.group(2), m.group(1) is None, "see the # lines above")
    missing = unreported_lines({int(tag.split(".")[0]) for tag, *_ in runs})
    report("user: every list line ran and the kernel ended the suite", not missing and
           b.status == EXIT_PASS, f"{len(runs)} runs reported, status {b.status}" +
           (f", none from line {missing[0][0]} on ({missing[0][1]}: it hung?)" if missing else "") +
           "; console ends:\n#   " + tail(b.console))


def unreported_lines(reported):
    """The (number, text) of each tests/user/list run line whose number is
    not in reported: a guest that hangs in a program reports no line from
    that one on, and the first is the program to look at."""
    with open(os.path.join(ROOT, "tests", "user", "list")) as f:
        lines = list(enumerate(f.read().splitlines(), 1))
    return [(n, l) for n, l in lines if l.strip() and not l.startswith("#") and n not in reported]


def check_aslr():
    """ASLR (mm/aslr.h): user/tests/aslr.c runs itself three times per
    level and says what moved; the levels are set through
    /proc/sys/kernel/randomize_va_space, and norandmaps starts at 0."""
    b = boot("init=/tests/bin/aslr exit=debug -- levels")
    expect("aslr: stack, mmap and brk move per randomize_va_space (0, 1, 2); 3 is refused", b, [
        r"entropy: RDRAND;",
        r"^randomize_va_space 0: stack same mmap same brk same AT_RANDOM differs$",
        r"^randomize_va_space 1: stack differs mmap differs brk same AT_RANDOM differs$",
        r"^randomize_va_space 2: stack differs mmap differs brk differs AT_RANDOM differs$",
        r"^writing 3: refused", r"^ASLR: as the level says$"], EXIT_PASS)
    b = boot("init=/tests/bin/aslr exit=debug norandmaps")
    expect("aslr: norandmaps on the command line: two runs, the same addresses", b, [
        r"randomize_va_space 0$",
        r"^randomize_va_space 0: stack same mmap same brk same AT_RANDOM differs$",
        r"^ASLR: as the level says$"], EXIT_PASS)
    # personality(ADDR_NO_RANDOMIZE), setarch -R: the caller's execs are
    # laid out unrandomized at level 2, set-id programs are not (and lose
    # the flag), other domains and flags are refused (proc/sys_proc.c).
    b = boot("init=/tests/bin/aslr exit=debug -- setarch")
    expect("aslr: personality(ADDR_NO_RANDOMIZE) turns it off for the caller's execs", b, [
        r"^personality\(ADDR_NO_RANDOMIZE\): was 0, now 0x40000$",
        r"^its runs: randomize_va_space 2: stack same mmap same brk same AT_RANDOM differs$",
        r"^a set-user-ID copy's runs: randomize_va_space 2: stack differs mmap differs brk differs AT_RANDOM differs$",
        r"^personality\(0x4100001\): refused \(EINVAL\)$", r"^personality\(0x440000\): refused \(EINVAL\)$",
        r"^PER_LINUX32, then PER_LINUX: accepted$", r"^ASLR: as the level says$"], EXIT_PASS)
    b = boot("init=/tests/bin/aslr exit=debug", cpu=PLAIN_CPU)
    expect("aslr: without RDRAND, from TSC jitter, all three move", b, [
        r"entropy: TSC jitter;",
        r"^randomize_va_space 2: stack differs mmap differs brk differs AT_RANDOM differs$"], EXIT_PASS)


def check_init():
    """init= names the first program; words after " -- " are its arguments;
    exit=debug ends the machine with init's verdict."""
    b = boot("init=/tests/bin/args exit=debug -- alpha beta")
    expect("init=PATH -- ARGS runs the program with those arguments", b,
           [r"^argv\[1\]=alpha$", r"^argv\[2\]=beta$", r"^auxv ok$",
            r"init \(/tests/bin/args\) ended with status 0"], EXIT_PASS)
    b = boot("init=/tests/bin/segv exit=debug")
    expect("a first program killed by SIGSEGV is reported, the kernel lives", b,
           [r"SIGSEGV at eip", r"init \(/tests/bin/segv\) ended with status 11"], EXIT_FAIL)
    # first_process_is_pid_1 (user/tests/init_pid.c): init was pid 2
    # because the idle thread took tid 1; on Linux init is 1, its parent 0.
    b = boot("init=/tests/bin/init_pid exit=debug")
    expect("first_process_is_pid_1: init's getpid() is 1, getppid() 0", b,
           [r"^init: getpid\(\) = 1, getppid\(\) = 0$",
            r"init \(/tests/bin/init_pid\) ended with status 0"], EXIT_PASS)
    # init_keeps_blocked_signals (user/tests/init_keeps_blocked_signals.c):
    # every signal to init without a handler was dropped, blocked or not,
    # so busybox init never saw SIGCHLD or poweroff's SIGUSR2.
    b = boot("init=/tests/bin/init_keeps_blocked_signals exit=debug")
    expect("init_keeps_blocked_signals: signals init blocks stay pending for it", b,
           [r"^blocked SIGUSR2 sent to init: pending$",
            r"^blocked SIGCHLD from a child's exit: pending$",
            r"^init lives on after an unblocked SIGTERM$",
            r"init \(/tests/bin/init_keeps_blocked_signals\) ended with status 0"], EXIT_PASS)
    # orphans_reaped_by_pid_1 (user/tests/init_reaps_orphans.c): orphans
    # went to the kernel, which freed them; init never saw or reaped them.
    b = boot("init=/tests/bin/init_reaps_orphans exit=debug")
    expect("orphans_reaped_by_pid_1: an orphan is adopted and reaped by init", b,
           [r"^grandchild: adopted by pid 1$", r"^init: reaped an orphan, exit 7$",
            r"^init: 2 reaped, then no children left$",
            r"init \(/tests/bin/init_reaps_orphans\) ended with status 0"], EXIT_PASS)
    b = boot("init=/no/such/program exit=debug")
    expect("a missing init is reported by name", b,
           [r"init: cannot start /no/such/program \(error -2\)"], EXIT_FAIL)


def check_root_full():
    """root_tmpfs_had_no_limit (user/tests/root_tmpfs_had_no_limit.c): the
    root tmpfs had no size limit, so filling / took every frame and ended
    in an out-of-memory kill. Now it has Linux's rootfs limit (half of
    memory): the write ends with ENOSPC, the kernel and a child carry on,
    and after rm the free-frame count is back (booted norandmaps; the
    second fill and rm must end where the first did)."""
    b = boot("init=/tests/bin/root_tmpfs_had_no_limit exit=debug norandmaps -- frames", timeout=180)
    expect("root_tmpfs_had_no_limit: filling / ends in ENOSPC, the frames come back after rm", b,
           [r"^filling /: ENOSPC$", r"^written about what was free: yes$", r"^a child while full: ran$",
            r"^after rm: the free blocks are back: yes$", r"^frames after the second rm: the same ",
            r"init \(/tests/bin/root_tmpfs_had_no_limit\) ended with status 0"], EXIT_PASS)


def stress():
    """`make stress`: the fuzz suite with STRESS_CALLS calls (seed: the suite's
    default, or STRESS_SEED)."""
    calls = int(os.environ.get("STRESS_CALLS", "1000000"))
    seed = os.environ.get("STRESS_SEED")
    args = f"fuzz fuzzcalls={calls}" + (f" fuzzseed={seed}" if seed else "")
    run_ktests(args, timeout=int(os.environ.get("STRESS_TIMEOUT", "7200")))
    failed = results.count(False)
    print(f"# stress: {len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


def main():
    if sys.argv[1:] == ["--stress"]:
        return stress()
    check_memory(64, small_initrd())
    check_memory(512)
    check_crash("null", "page fault", "crash_null_write")
    check_crash("ud", "invalid opcode", "crash_invalid_opcode")
    check_crash("div0", "divide error", "crash_divide_by_zero")
    check_crash("panic", "KERNEL PANIC: deliberate panic", "crash_panic")
    # crash=stack runs on a fresh stack, so the frame chain ends at its switcher.
    check_crash("stack", "kernel stack overflow: the stack ran into its guard page",
                "crash_recurse", caller="crash_stack_overflow", also=[r"\(thread \d+ 'kmain', pid 0\)"])
    check_crash("guard", "KERNEL PAGE FAULT: kernel stack overflow (guard page hit)", "crash_guard_write",
                also=[r"\(thread \d+ 'kmain', pid 0\)"])
    # thread0_stack_overflow_hits_guard: kmain's boot stack had no guard
    # page and ran into the boot page tables (tests/kernel/crash.c).
    check_crash("boot_stack", "kernel stack overflow: the stack ran into its guard page",
                "crash_recurse", bug="thread0_stack_overflow_hits_guard")
    # kernel_text_was_writable: the boot map left code and constants writable.
    check_crash("write_text", "KERNEL PAGE FAULT: write to read-only kernel text or rodata",
                "crash_write_text", bug="kernel_text_was_writable")
    check_crash("write_rodata", "KERNEL PAGE FAULT: write to read-only kernel text or rodata",
                "crash_write_rodata", bug="kernel_text_was_writable")
    check_crash("uvm_foreign_mm", "assertion failed: (mm) == current_process()->mm",
                "mm_unmap", caller="crash_uvm_foreign_mm")
    check_guards()
    # The stack protector (kernel/stackprot.h) names the function whose canary went.
    check_crash("stack_smash", "KERNEL PANIC: stack smashed in crash_stack_smash", "__stack_chk_fail",
                caller="crash_stack_smash")
    check_frames(16)
    check_frames(3584, r"ignoring 512 MiB of RAM above 4 GiB")
    run_ktests("boot,frame,tmt,vmm,kheap,kstack,sched,sync,cow,uvm,vfs,klog")
    run_ktests("stress")
    # One instruction per translation block: QEMU then delivers the timer
    # between any two instructions, so a race window of two instructions
    # can be hit (tests/kernel/sync_test.c, suite "race").
    run_ktests("race", extra=["-singlestep"], timeout=240)
    run_ktests("fuzz", timeout=FUZZ_TIMEOUT)
    check_host_timeout()
    check_user_programs()
    check_init()
    check_root_full()
    check_aslr()
    failed = results.count(False)
    print(f"# system: {len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
