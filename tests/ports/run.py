#!/usr/bin/env python3
"""run.py [dyn] - the ports tests: NASM and binutils, built from Debian's
source packages (ports/), assemble, link, inspect and run programs inside
tern, and every result equals the host's own nasm and binutils of the
same version, byte for byte.

With "dyn": the same for Debian's own dynamically linked i386 nasm and
binutils, as shipped (tools/fetch_debs.sh), and programs the host's gcc
linked dynamically (dyn_steps.sh, docs/dynamic.md). The host's side runs
the very same i386 binaries, through qemu-i386 with the unpacked packages
as its library prefix (or natively, with them on LD_LIBRARY_PATH).

The steps (tests/ports/steps.sh) run twice: in the guest, booted with the
ports initramfs and guest.sh as the first program, and on the host, in the
same directory path. Both print the transcript of step.sh: per step the
exit status, stdout, stderr and the output files in base64 with their size
and SHA-256 (docs/ports.md). One "ok"/"not ok" line per step, plus the
fixed expectations of the programs run (their output and exit status),
that the shell's `ar` is GNU ar, and that the guest's free memory is the
same after the bad-output steps (a read-only, a full and a too small file
system) as before them.

The host runs the steps in a mount namespace of its own (unshare -m), so
that the bad-output steps' tmpfs mounts touch nothing outside; where it
cannot, the host leaves those steps out and they are reported as skipped.
"""
import base64
import fcntl
import hashlib
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "system"))
from qemu import boot, BUILD, EXIT_PASS, ROOT  # noqa: E402

HERE = os.path.join(ROOT, "tests", "ports")
PORTS = ("nasm", "binutils", "busybox")
INITRD = os.path.join(BUILD, "ports-initrd.cpio")
WORKDIR = "/tmp/tern-ports"         # the same path in the guest and on the host
MEM = 512                           # MiB: the ports image is the normal root plus ~30 MB
ENV = {"PATH": "/usr/bin:/bin:/usr/sbin:/sbin", "LC_ALL": "C", "HOME": "/", "PORTS_HOST": "1"}
MOUNT_NS = ["unshare", "-m", "--propagation", "private"]

DEBROOT = os.path.join(BUILD, "debian", "root")
DYN_ENV = {"DEB": os.path.join(DEBROOT, "usr", "bin"), "DYN": os.path.join(BUILD, "user", "dyn"),
           "LDSO": os.path.join(DEBROOT, "lib", "ld-linux.so.2"),
           "QEMU_LD_PREFIX": DEBROOT,
           "LD_LIBRARY_PATH": os.path.join(DEBROOT, "lib", "i386-linux-gnu") + ":"
           + os.path.join(DEBROOT, "usr", "lib", "i386-linux-gnu")}

# What the programs linked in the steps must do, whatever the host does.
EXPECT = {
    "hello_run": (0, b"Hello from NASM on tern\n"),
    "macros_run": (42, b"squares:\n1\n4\n9\n16\n25\n36\n49\n64\npoint\n1977\n"),
    "sections_run": (21, b"SECTIONS AND OBJECTS\ndone\n"),
    "sections_lib_run": (21, b"SECTIONS AND OBJECTS\ndone\n"),
    "strip_run": (21, b"SECTIONS AND OBJECTS\ndone\n"),
    "gas_run": (10, b"Hello from GNU as on tern\n"),
    "shell_carries_on": (3, b"the shell carries on\n"),
}

NASM_V = (0, b"NASM version 2.16.01\n")
DYN_HELLO = (7, b"hello, dynamic world\ntls 42, argc 3, last arg two\nAT_ENTRY is _start: yes\n"
             b"AT_PHDR is this program's: yes\nAT_PHENT 32, AT_PAGESZ 4096\nAT_PLATFORM i686\n"
             b"AT_EXECFN ends in hello_dyn: yes\n")
DYN_EXPECT = {
    "dyn_hello_pie": DYN_HELLO,
    "dyn_hello_nopie": DYN_HELLO,
    "dyn_hello_static_pie": DYN_HELLO,
    "dyn_maps_named_ld_so_after_the_program": (0, b"maps names ld.so's areas after ld.so: yes\n"),
    "dyn_ld_library_path": (0, b"greetings, tern, from libgreet (call 1, tls 5)\n"
                            b"greetings, again, from libgreet (call 2, tls 6)\n"
                            b"dlopen libm.so.6: yes, sqrt(2) = 1.414214\n"),
    "dyn_nasm_v": NASM_V,
    "dyn_ldso_runs_nasm": NASM_V,
    # the workflow: as with the static ports
    **{"dyn_" + name: EXPECT[name] for name in ("hello_run", "gas_run", "sections_lib_run")},
}

results = []


def report(name, ok, why=""):
    results.append(ok)
    print(("ok" if ok else "not ok") + " - " + name + ("" if ok else "  # " + why), flush=True)


def parse(text):
    """The steps of a transcript: {name: (status, {label: bytes or None})},
    and the list of transfer errors (size or checksum wrong)."""
    steps, errors, cur, label, lines = {}, [], None, None, []

    def close():
        if label is None:
            return
        size, digest = meta
        data = base64.b64decode("".join(lines))
        if len(data) != size or hashlib.sha256(data).hexdigest() != digest:
            errors.append(f"{cur}/{label}: {len(data)} bytes, sha256 wrong or size {size} expected")
        steps[cur][1][label] = data

    for line in text.splitlines():
        m = re.match(r"^=== (step|file|nofile) (\S+)(?: (\S+))?(?: (\S+))?$", line)
        if m:
            close()
            label, lines = None, []
            if m.group(1) == "step":
                cur = m.group(2)
                steps[cur] = (int(m.group(3)), {})
            elif m.group(1) == "nofile":
                steps[cur][1][m.group(2)] = None
            else:
                label, meta = m.group(2), (int(m.group(3)), m.group(4))
        elif label is not None and re.fullmatch(r"[A-Za-z0-9+/=]+", line):
            lines.append(line)
        elif line.startswith("=== ports end"):
            close()
            label = None
    close()
    return steps, errors


def mount_ns():
    """The command prefix of a private mount namespace, or None when the
    host cannot make one (no privilege)."""
    try:
        ok = subprocess.run(MOUNT_NS + ["true"], stderr=subprocess.DEVNULL, timeout=30).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        ok = False
    return MOUNT_NS if ok else None


def host_transcript(ns, steps="steps.sh", env=None):
    """The steps run with the host's nasm and binutils (or env's), in
    WORKDIR (held under a lock: other clones' test runs use the same path),
    in the mount namespace ns (a command prefix; None: none, and no mounts)."""
    env = dict(ENV, **({} if ns else {"PORTS_NO_MOUNTS": "1"}), **(env or {}))
    with open(WORKDIR + ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        shutil.rmtree(WORKDIR, ignore_errors=True)
        shutil.copytree(os.path.join(HERE, "src"), WORKDIR)
        os.chmod(WORKDIR, 0o755)
        r = subprocess.run((ns or []) + ["sh", "-c", '. "$0/step.sh"; . "$0/$1"', HERE, steps],
                           cwd=WORKDIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=300)
        shutil.rmtree(WORKDIR, ignore_errors=True)
    return r.stdout.decode(errors="replace")


def difference(a, b):
    """A short description of how two outputs differ."""
    if a is None or b is None:
        return f"guest {'no file' if a is None else len(a)} / host {'no file' if b is None else len(b)}"
    try:
        ga, hb = a.decode().splitlines(), b.decode().splitlines()
        for i, (x, y) in enumerate(zip(ga, hb)):
            if x != y:
                return f"line {i + 1}: guest {x!r} host {y!r}"
        return f"guest {len(ga)} lines, host {len(hb)} lines"
    except UnicodeDecodeError:
        i = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
        return f"{len(a)} vs {len(b)} bytes, first difference at byte {i}"


def compare(name, guest, host):
    gs, gfiles = guest
    hs, hfiles = host
    why = [] if gs == hs else [f"exit {gs}, host {hs}"]
    for label in hfiles:
        if gfiles.get(label, b"?") != hfiles[label]:
            why.append(f"{label}: {difference(gfiles.get(label), hfiles[label])}")
    report(f"ports {name}: exit status, output and files as the host's", not why, "; ".join(why))


def skipped():
    missing = [p for p in PORTS if not os.path.exists(os.path.join(BUILD, "ports", p, "key"))]
    if missing:
        return f"ports not built: {', '.join(missing)} (ports/build.sh; docs/ports.md)"
    if not os.path.exists(os.path.join(BUILD, "busybox", "busybox")):
        return "no busybox (tools/fetch_busybox.sh): the steps need its shell"
    if not all(shutil.which(t) for t in ("nasm", "ld", "as", "objdump", "su")):
        return "the host lacks nasm or binutils (tools/setup.sh)"
    return None


def dyn_skipped():
    if not os.path.isdir(DEBROOT):
        return "Debian's i386 packages not fetched (tools/fetch_debs.sh; docs/dynamic.md)"
    if not os.path.exists(os.path.join(BUILD, "busybox", "busybox")):
        return "no busybox (tools/fetch_busybox.sh): the steps need its shell"
    return None


# suite: (title, steps file, why it is skipped, host environment, fixed expectations)
SUITES = {
    "ports": ("ports: end-to-end in the guest", "steps.sh", skipped, {}, EXPECT),
    "dyn": ("ports: Debian's dynamic programs in the guest", "dyn_steps.sh", dyn_skipped, DYN_ENV,
            DYN_EXPECT),
}


def static_port_checks(guest, console, ns):
    """What only the static ports' steps show: the shell runs binutils' ar
    before its own applet, and the bad-output steps give memory back."""
    if not ns:
        print("skip - ports: read-only and full file systems  # the host cannot unshare -m "
              "to mount tmpfs as the guest does")
    gnu = guest.get("ar_version", (None, {}))[1].get("stdout") or b""
    report("ports: the shell's ar is GNU ar, not busybox's applet", gnu.startswith(b"GNU ar "),
           f"ar --version printed {gnu[:60]!r}")
    frames_back(console, "ports: the free memory is back after the bad-output steps")


def frames_back(console, title):
    """The guest's free memory, before and after each time step.sh's
    frames_around ran something the second time, is the same."""
    frames = re.findall(r"^=== frames before (\d+)\s*\n=== frames after (\d+)\s*$", console, re.M)
    report(title, frames and all(b == a for b, a in frames), f"MemFree + Slab + the shell's VmRSS (KiB) before, after: {frames}")


def main(suite):
    title, steps, why_skipped, env, expect = SUITES[suite]
    why = why_skipped()
    if why:
        print(f"skip - {title}  # {why}")
        return 0
    ns = mount_ns()
    host, herr = parse(host_transcript(ns, steps, env))
    b = boot(f"init=/bin/sh exit=debug -- /tests/ports/guest.sh {WORKDIR} {steps}",
             mem=MEM, timeout=900, initrd=INITRD)
    guest, gerr = parse(b.console)
    report(f"{suite}: the guest ran every step and the shell reached the end",
           b.status == EXIT_PASS and "=== ports end" in b.console and not herr,
           f"status {b.status}, timed out {b.timed_out}, host errors {herr}; console ends:\n#   "
           + "\n#   ".join(b.console.strip().splitlines()[-15:]))
    report(f"{suite}: every file crossed the serial line intact (size, sha256)", not gerr, "; ".join(gerr))
    for name in host:
        if name not in guest:
            report(f"ports {name}: exit status, output and files as the host's", False, "the guest never ran it")
        else:
            compare(name, guest[name], host[name])
    if suite == "ports":
        static_port_checks(guest, b.console, ns)
    else:
        frames_back(b.console, "dyn: dynamic programs leave no frame behind (ld.so, libraries, COW pages)")
    for name, (status, out) in expect.items():
        g = guest.get(name, (None, {}))
        report(f"ports {name}: exit {status} and the expected output in the guest",
               g[0] == status and g[1].get("stdout") == out, f"exit {g[0]}, stdout {g[1].get('stdout')!r}")
    failed = results.count(False)
    print(f"# {suite}: {len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "ports"))
