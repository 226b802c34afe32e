"""boot_to_prompt.py - the boot_to_prompt macro benchmark of `make bench`
(bench/run.py; method in docs/benchmarks.md "boot_to_prompt").

Both kernels boot the same way: a GRUB ISO (grub-mkrescue, BIOS), the same
initramfs (build/bench/boot.cpio: Debian's busybox with its links, our
/etc, busybox init, a /dev/console node for Linux), the same QEMU under
-icount shift=0. The end is the same program on both: the login shell's
/etc/profile ends by running /bench/prompt_tsc, which prints the TSC just
before the first prompt (PROMPT_TSC=N).

The start is the kernel's first instruction. tern reads its TSC there
(boot/entry.asm, logged as "boot: tsc at entry N", printed by prompt_tsc
as KERNEL_ENTRY_TSC). Linux has no such figure, so the loader's share is
measured instead: the same GRUB boots bench/boot/entry_tsc.asm, a
multiboot2 kernel that only prints its entry TSC, with the kernel's files
(vmlinuz and the initramfs) loaded as modules, so that BIOS and GRUB do
the same work. Linux's figure is PROMPT_TSC minus that share. The same is
done for tern, which checks the method: tern's share should be close to
its own entry TSC.
"""
import os
import re
import shutil
import subprocess
import tempfile
import time

import qemu
from qemu import BUILD, ROOT

OUT = os.path.join(BUILD, "bench")
STAGE = os.path.join(OUT, "boot-root")
CPIO = os.path.join(OUT, "boot.cpio")
ENTRY_ELF = os.path.join(OUT, "entry_tsc.elf")
PROMPT_BIN = os.path.join(OUT, "bin", "prompt_tsc")
VMLINUZ = os.path.join(OUT, "linux", "vmlinuz")
MEM_MIB = 256
ICOUNT = ["-icount", "shift=0,sleep=off", "-rtc", "base=2020-01-01T00:00:00,clock=vm"]
TIMEOUT = 600                      # seconds per boot
TERN_ARGS = "init=/sbin/init loglevel=4"                    # as grub.cfg / make run
LINUX_ARGS = "console=ttyS0 quiet rdinit=/sbin/init"       # busybox init from the initramfs
CONSOLE_DEV = (5, 1)               # /dev/console, which Linux opens before init


def boot_initrd():
    """build/bench/boot.cpio: what both kernels boot."""
    shutil.rmtree(STAGE, ignore_errors=True)
    shutil.copytree(os.path.join(ROOT, "user", "rootfs", "etc"), os.path.join(STAGE, "etc"))
    for d in ("proc", "dev", "root", "tmp", "bench"):
        os.makedirs(os.path.join(STAGE, d), exist_ok=True)
    os.chmod(os.path.join(STAGE, "tmp"), 0o1777)
    os.mknod(os.path.join(STAGE, "dev", "console"), 0o600 | 0o020000, os.makedev(*CONSOLE_DEV))
    subprocess.run(["bash", "tools/install_busybox.sh", STAGE], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    subprocess.run(["strip", "-o", os.path.join(STAGE, "bench", "prompt_tsc"), PROMPT_BIN], check=True)
    with open(os.path.join(STAGE, "etc", "profile"), "a") as f:
        f.write("/bench/prompt_tsc    # boot_to_prompt's end (bench/boot_to_prompt.py)\n")
    subprocess.run(["bash", "tools/mkinitrd.sh", STAGE, CPIO], cwd=ROOT, check=True)


def entry_elf():
    obj = ENTRY_ELF + ".o"
    subprocess.run(["nasm", "-f", "elf32", "-I", ROOT + "/",
                    os.path.join(ROOT, "bench", "boot", "entry_tsc.asm"),
                    "-o", obj], check=True)
    subprocess.run(["ld", "-m", "elf_i386", "-Ttext=0x100000", "-e", "_start", obj, "-o", ENTRY_ELF],
                   check=True)


def iso(name, lines, files):
    """An ISO whose one menu entry is lines (GRUB commands), with files
    {path on the ISO: host path}; booted at once (timeout 0)."""
    out = os.path.join(OUT, name + ".iso")
    with tempfile.TemporaryDirectory() as stage:
        os.makedirs(os.path.join(stage, "boot", "grub"))
        for path, src in files.items():
            shutil.copy(src, os.path.join(stage, path.lstrip("/")))
        cfg = ["set timeout=0", "menuentry 'boot' {"] + ["  " + l for l in lines] + ["  boot", "}"]
        with open(os.path.join(stage, "boot", "grub", "grub.cfg"), "w") as f:
            f.write("\n".join(cfg) + "\n")
        subprocess.run(["grub-mkrescue", "-d", "/usr/lib/grub/i386-pc", "-o", out, stage],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return out


def run_until(iso_path, pattern):
    """Boot iso_path and wait for pattern on COM1; QEMU is then stopped.
    The COM1 text, or None when it never came."""
    log = iso_path[:-4] + ".com1"
    if os.path.exists(log):
        os.remove(log)
    cmd = ["qemu-system-i386", "-m", str(MEM_MIB), "-display", "none", "-no-reboot",
           "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04", "-cdrom", iso_path,
           "-serial", "file:" + log] + ICOUNT
    q = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + TIMEOUT
    text = ""
    while time.monotonic() < deadline:
        time.sleep(0.5)
        text = open(log, errors="replace").read() if os.path.exists(log) else ""
        if re.search(pattern, text) or q.poll() is not None:
            break
    time.sleep(1)                       # the rest of the line(s) after the match
    if q.poll() is None:
        q.kill()
    q.wait()
    text = open(log, errors="replace").read() if os.path.exists(log) else text
    return text if re.search(pattern, text) else None


def number(pattern, text, base=10):
    m = re.search(pattern, text or "")
    return int(m.group(1), base) if m else None


def measure():
    """The row of boot_to_prompt for bench/run.py, with the parts in it."""
    boot_initrd()
    entry_elf()
    kernel = qemu.KERNEL
    tern = iso("boot-tern", [f"multiboot2 /boot/kernel.elf {TERN_ARGS}", "module2 /boot/boot.cpio initrd"],
               {"/boot/kernel.elf": kernel, "/boot/boot.cpio": CPIO})
    tern_loader = iso("boot-tern-loader", ["multiboot2 /boot/entry_tsc.elf", "module2 /boot/boot.cpio initrd",
                                           "module2 /boot/kernel.elf"],
                      {"/boot/entry_tsc.elf": ENTRY_ELF, "/boot/kernel.elf": kernel, "/boot/boot.cpio": CPIO})
    linux = iso("boot-linux", [f"linux /boot/vmlinuz {LINUX_ARGS}", "initrd /boot/boot.cpio"],
                {"/boot/vmlinuz": VMLINUZ, "/boot/boot.cpio": CPIO})
    linux_loader = iso("boot-linux-loader", ["multiboot2 /boot/entry_tsc.elf", "module2 /boot/vmlinuz",
                                             "module2 /boot/boot.cpio"],
                       {"/boot/entry_tsc.elf": ENTRY_ELF, "/boot/vmlinuz": VMLINUZ, "/boot/boot.cpio": CPIO})
    t = run_until(tern, r"KERNEL_ENTRY_TSC=\d+\r?\n")
    tl = run_until(tern_loader, r"LOADER_TSC=[0-9a-f]{16}")
    lx = run_until(linux, r"PROMPT_TSC=\d+\r?\n")
    ll = run_until(linux_loader, r"LOADER_TSC=[0-9a-f]{16}")
    parts = {
        "tern_prompt_tsc": number(r"PROMPT_TSC=(\d+)", t),
        "tern_entry_tsc": number(r"KERNEL_ENTRY_TSC=(\d+)", t),
        "tern_loader_tsc": number(r"LOADER_TSC=([0-9a-f]{16})", tl, 16),
        "linux_prompt_tsc": number(r"PROMPT_TSC=(\d+)", lx),
        "linux_loader_tsc": number(r"LOADER_TSC=([0-9a-f]{16})", ll, 16),
    }
    row = {"name": "boot_to_prompt", "kind": "macro", "unit": "cycles/op", "iterations": 1,
           "what": "guest TSC at the first prompt minus at the kernel's first instruction", **parts}
    p = parts
    row["this"] = p["tern_prompt_tsc"] - p["tern_entry_tsc"] if p["tern_prompt_tsc"] and p["tern_entry_tsc"] else None
    row["linux"] = (p["linux_prompt_tsc"] - p["linux_loader_tsc"]
                    if p["linux_prompt_tsc"] and p["linux_loader_tsc"] else None)
    # Booted as shipped only: no norandmaps figure (the table shows "—";
    # a None here printed as FAILED, as if a boot had failed).
    row["linux_shipped"] = row["linux"]
    if row["this"] and row["linux"]:
        row["ratio"] = row["this"] / row["linux"]
    else:
        row["error"] = "missing: " + ", ".join(k for k, v in parts.items() if v is None)
    return row
