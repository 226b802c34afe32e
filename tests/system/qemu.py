"""qemu.py - boot the kernel headless in QEMU and collect what it said.

One boot = one ISO (made by tools/mkiso.sh with a command line, cached
under build/tests/iso), COM1 (kernel console) and COM2 (TAP from the
in-guest tests) captured to files, isa-debug-exit for the verdict, and a
timeout so that a hang is a failure with a message, never a stuck run.
"""
import hashlib
import os
import subprocess
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.path.join(ROOT, "build")
KERNEL = os.path.join(BUILD, "kernel.elf")
INITRD = os.path.join(BUILD, "initrd.cpio")

# The CPU every test boot gets: QEMU's default qemu32 plus SMEP and SMAP
# (TCG emulates both; QEMU raises the CPUID level to 7 for them), so the
# kernel runs with its guards on (kernel/protect.h), and RDRAND, the
# entropy source (kernel/entropy.h; TCG has no RDSEED). PLAIN_CPU is the
# default model without them: the boots that prove the kernel still runs
# where the CPU lacks them (TSC jitter for entropy then).
GUARDED_CPU = "qemu32,+smep,+smap,+rdrand"
PLAIN_CPU = "qemu32"

EXIT_PASS = (0x10 << 1) | 1     # drivers/debugexit.h, as QEMU reports it
EXIT_FAIL = (0x11 << 1) | 1


class Boot:
    def __init__(self, console, tap, status, seconds, timed_out):
        self.console = console        # COM1 text
        self.tap = tap                # COM2 text
        self.status = status          # QEMU's exit status
        self.seconds = seconds
        self.timed_out = timed_out


def iso_for(cmdline, initrd=INITRD):
    """An ISO booting straight into the kernel with cmdline (cached)."""
    key = hashlib.sha1(f"{cmdline}\0{initrd}".encode()).hexdigest()[:12]
    out = os.path.join(BUILD, "tests", "iso", key + ".iso")
    newest = max(os.path.getmtime(p) for p in (KERNEL, initrd) if p)
    if not os.path.exists(out) or os.path.getmtime(out) < newest:
        os.makedirs(os.path.dirname(out), exist_ok=True)
        subprocess.run(["bash", os.path.join(ROOT, "tools", "mkiso.sh"), KERNEL, out,
                        "cmdline:" + cmdline] + ([initrd] if initrd else []), check=True)
    return out


def qemu_command(iso, mem, extra=(), cpu=GUARDED_CPU):
    return ["qemu-system-i386", "-cpu", cpu, "-m", str(mem), "-display", "none", "-no-reboot",
            "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
            "-cdrom", iso] + list(extra)


# Timeouts only catch hangs: a loaded machine (parallel builds, several
# QEMUs on two cores) runs a guest several times slower, so each is
# multiplied by TEST_TIMEOUT_SCALE (default 3). A passing run is not slowed.
TIMEOUT_SCALE = float(os.environ.get("TEST_TIMEOUT_SCALE", "3"))


def boot(cmdline, mem=128, timeout=60, initrd=INITRD, extra=(), cpu=GUARDED_CPU):
    timeout *= TIMEOUT_SCALE
    iso = iso_for(cmdline, initrd)
    tag = hashlib.sha1(f"{cmdline}{mem}{time.time()}".encode()).hexdigest()[:8]
    logdir = os.path.join(BUILD, "tests", "logs")
    os.makedirs(logdir, exist_ok=True)
    com1 = os.path.join(logdir, tag + ".com1")
    com2 = os.path.join(logdir, tag + ".com2")
    cmd = qemu_command(iso, mem, extra, cpu) + ["-serial", "file:" + com1, "-serial", "file:" + com2]
    start = time.monotonic()
    timed_out = False
    try:
        status = subprocess.run(cmd, timeout=timeout, stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE).returncode
    except subprocess.TimeoutExpired:
        status, timed_out = None, True
    seconds = time.monotonic() - start

    def read(path):
        try:
            with open(path, errors="replace") as f:
                return f.read().replace("\r\n", "\n")
        except FileNotFoundError:
            return ""
    return Boot(read(com1), read(com2), status, seconds, timed_out)
