#!/usr/bin/env python3
"""run.py - the ports tests: NASM and binutils, built from Debian's source
packages (ports/), assemble, link, inspect and run programs inside tern,
and every result equals the host's own nasm and binutils of the same
version, byte for byte.

The steps (tests/ports/steps.sh) run twice: in the guest, booted with the
ports initramfs and guest.sh as the first program, and on the host, in the
same directory path. Both print the transcript of step.sh: per step the
exit status, stdout, stderr and the output files in base64 with their size
and SHA-256 (docs/ports.md). One "ok"/"not ok" line per step, plus the
fixed expectations of the programs run (their output and exit status).
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
PORTS = ("nasm", "binutils")
INITRD = os.path.join(BUILD, "ports-initrd.cpio")
WORKDIR = "/tmp/tern-ports"         # the same path in the guest and on the host
MEM = 512                           # MiB: the ports image is the normal root plus ~30 MB
ENV = {"PATH": "/usr/bin:/bin:/usr/sbin:/sbin", "LC_ALL": "C", "HOME": "/"}

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


def host_transcript():
    """The steps run with the host's nasm and binutils, in WORKDIR (held
    under a lock: other clones' test runs use the same path)."""
    with open(WORKDIR + ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        shutil.rmtree(WORKDIR, ignore_errors=True)
        shutil.copytree(os.path.join(HERE, "src"), WORKDIR)
        os.chmod(WORKDIR, 0o755)
        r = subprocess.run(["sh", "-c", '. "$0/step.sh"; . "$0/steps.sh"', HERE], cwd=WORKDIR,
                           env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=300)
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


def main():
    why = skipped()
    if why:
        print(f"skip - ports: end-to-end in the guest  # {why}")
        return 0
    host, herr = parse(host_transcript())
    b = boot(f"init=/bin/sh exit=debug -- /tests/ports/guest.sh {WORKDIR}",
             mem=MEM, timeout=900, initrd=INITRD)
    guest, gerr = parse(b.console)
    report("ports: the guest ran every step and the shell reached the end",
           b.status == EXIT_PASS and "=== ports end" in b.console and not herr,
           f"status {b.status}, timed out {b.timed_out}, host errors {herr}; console ends:\n#   "
           + "\n#   ".join(b.console.strip().splitlines()[-15:]))
    report("ports: every file crossed the serial line intact (size, sha256)", not gerr, "; ".join(gerr))
    for name in host:
        if name not in guest:
            report(f"ports {name}: exit status, output and files as the host's", False, "the guest never ran it")
        else:
            compare(name, guest[name], host[name])
    for name, (status, out) in EXPECT.items():
        g = guest.get(name, (None, {}))
        report(f"ports {name}: exit {status} and the expected output in the guest",
               g[0] == status and g[1].get("stdout") == out, f"exit {g[0]}, stdout {g[1].get('stdout')!r}")
    failed = results.count(False)
    print(f"# ports: {len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
