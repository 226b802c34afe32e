#!/usr/bin/env python3
"""busybox_suite.py - the busybox shell-script suite in the guest and on
the host, compared line by line.

user/rootfs/tests/busybox/suite.sh runs under the same Debian busybox on
both sides: in the guest as init's child on the console (run.sh gives it
a session and the console as controlling terminal), on the host under a
pseudo-terminal (so `set -m` has a terminal there too), each in an empty
scratch directory. Output from "## files" to "## end" must be equal, and
the guest's free-frame count (run.sh) the same before and after.
No busybox fetched (tools/fetch_busybox.sh): skipped, saying so.
"""
import os
import pty
import re
import select
import shutil
import signal
import sys
import tempfile
import time

from qemu import boot, EXIT_PASS, ROOT, TIMEOUT_SCALE

BUSYBOX = os.path.join(ROOT, "build", "busybox", "busybox")
SUITE_DIR = os.path.join(ROOT, "user", "rootfs", "tests", "busybox")
FIRST, LAST = "## files", "## end"
# The host run takes ~100 s under qemu-user on a loaded two-core machine
# (its 250 forks and execs, mostly); one still going after this hangs.
HOST_TIMEOUT = 200 * TIMEOUT_SCALE


def section(text):
    """The suite's own lines: from its first marker to its last."""
    lines = text.replace("\r\n", "\n").replace("\r", "").split("\n")
    try:
        a = lines.index(FIRST)
        b = lines.index(LAST, a)
    except ValueError:
        return None
    return lines[a:b + 1]


def host_output():
    """The suite under a pty on the host, from a copy named as in the guest;
    None when it did not end within HOST_TIMEOUT."""
    with tempfile.TemporaryDirectory() as tmp:
        code = os.path.join(tmp, "code")
        scratch = os.path.join(tmp, "suite")
        shutil.copytree(SUITE_DIR, code)
        os.mkdir(scratch)
        pid, fd = pty.fork()
        if pid == 0:
            os.chdir(code)
            signal.signal(signal.SIGPIPE, signal.SIG_DFL)   # Python ignores it; sh must not inherit that
            os.execv(BUSYBOX, ["sh", "suite.sh", scratch])
        out = read_until_end(pid, fd)
        os.waitpid(pid, 0)
        return out


def read_until_end(pid, fd):
    """What pty.fork's child pid writes on fd until it ends, or None (and the
    child killed: it leads its own session) after HOST_TIMEOUT."""
    out, deadline = b"", time.monotonic() + HOST_TIMEOUT
    while True:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            os.killpg(pid, signal.SIGKILL)
            os.close(fd)                       # a hang-up for any job of its left
            return None
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            return out.decode(errors="replace")
        if not chunk:
            return out.decode(errors="replace")
        out += chunk


def diff(guest, host):
    for i, (g, h) in enumerate(zip(guest, host)):
        if g != h:
            return f"line {i + 1}: guest {g!r}, host {h!r}"
    return f"guest has {len(guest)} lines, host {len(host)}"


def main():
    name = "busybox suite: guest output equals the host's, line by line"
    if not os.path.exists(BUSYBOX):
        print(f"skip - {name}  # busybox not fetched (tools/fetch_busybox.sh)")
        return 0
    b = boot("init=/tests/busybox/run.sh exit=debug loglevel=4", timeout=300)
    guest = section(b.console)
    host_text = host_output()
    if host_text is None:
        print(f"not ok - {name}  # the host run did not end within {HOST_TIMEOUT:.0f} s")
        return 1
    host = section(host_text)
    ok = True
    if host is None:
        print(f"not ok - {name}  # the host run printed no suite (busybox runs on this host?)")
        return 1
    lacking = re.findall(r"^.*Function not implemented$", b.console, re.M)
    if guest is None and lacking and not b.timed_out:
        # A kernel without a call busybox's sh needs to run a script file
        # (fcntl F_DUPFD): nothing to compare yet, and it says which.
        print(f"skip - {name}  # the guest's sh stopped: {lacking[0].strip()} (ENOSYS)")
        return 0
    if guest is None or b.timed_out:
        tail = "\n#   ".join(b.console.strip().splitlines()[-15:])
        print(f"not ok - {name}  # the guest run did not finish (timed out: {b.timed_out}); console ends:\n#   {tail}")
        return 1
    # One check per section, so a failure names what broke.
    names = [l[3:] for l in host if l.startswith("## ")]
    for sec in names[:-1]:
        g, h = part(guest, sec), part(host, sec)
        good = g == h
        ok &= good
        print(("ok" if good else "not ok") + f" - busybox suite, {sec}: guest equals host" +
              ("" if good else "  # " + diff(g, h)))
    frames = re.search(r"^free frames: before (\d+), after (\d+)$", b.console, re.M)
    good = frames is not None and frames.group(1) == frames.group(2)
    ok &= good
    print(("ok" if good else "not ok") + " - busybox suite: the free-frame count is back to its start after it" +
          ("" if good else "  # " + (frames.group(0) if frames else "run.sh printed no count")))
    good = b.status == EXIT_PASS
    ok &= good
    print(("ok" if good else "not ok") + " - busybox suite: the suite's shell exited 0 in the guest" +
          ("" if good else f"  # QEMU status {b.status}"))
    return 0 if ok else 1


def part(lines, sec):
    """The lines of section sec (without its marker)."""
    try:
        a = lines.index("## " + sec) + 1
    except ValueError:
        return ["(section missing)"]
    b = next((i for i in range(a, len(lines)) if lines[i].startswith("## ")), len(lines))
    return lines[a:b]


if __name__ == "__main__":
    sys.exit(main())
