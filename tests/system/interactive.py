#!/usr/bin/env python3
"""interactive.py - a person at the serial console, through a real
pseudo-terminal (pexpect, Debian's python3-pexpect): QEMU runs with
-serial stdio on the pty exactly as `make run` does, boots the default
/sbin/init (busybox init, /etc/inittab), and the test types at the
shell's prompt:

  - a command and its output;
  - a line edited with the arrow keys and Backspace (the line editor,
    raw mode, escape sequences in and out);
  - ^C on `yes > /dev/null` (SIGINT to the foreground group; status 130);
  - ^Z on `sleep`, then `fg` (SIGTSTP, job control, SIGCONT);
  - `poweroff`, which must end QEMU.

No busybox fetched: skipped, saying so.
"""
import os
import re
import sys
import time

try:
    import pexpect
except ImportError:                       # pyenv's python: Debian's package is elsewhere
    sys.path.append("/usr/lib/python3/dist-packages")
    import pexpect

from qemu import iso_for, qemu_command, ROOT

BUSYBOX = os.path.join(ROOT, "build", "busybox", "busybox")
# A prompt on a line of its own: the line editor's redraws (an arrow, a
# history recall) print it again after a bare CR, which must not count.
PROMPT = r"\ntern:[^\r\n#]*# "
UP, LEFT = "\x1b[A", "\x1b[D"
results = []


def report(name, ok, why=""):
    results.append(ok)
    print(("ok" if ok else "not ok") + " - console: " + name + ("" if ok else "  # " + why), flush=True)


class Console:
    def __init__(self, cmdline="init=/sbin/init loglevel=4"):
        iso = iso_for(cmdline)
        cmd = qemu_command(iso, 128) + ["-serial", "mon:stdio"]   # as `make run`: ^C reaches the guest
        self.p = pexpect.spawn(cmd[0], cmd[1:], timeout=60, encoding="utf-8",
                               codec_errors="replace", dimensions=(24, 80))
        self.log = []

    def seen(self):
        return (self.p.before or "")[-400:]

    def expect(self, pattern, timeout=30):
        """True when pattern (a regex) shows up within timeout seconds."""
        try:
            self.p.expect(pattern, timeout=timeout)
            return True
        except (pexpect.TIMEOUT, pexpect.EOF):
            return False

    def type(self, text, pause=0.05):
        """Keys one at a time, as a person types them; a key's escape
        sequence (an arrow: ESC [ D) goes whole, as a terminal sends it
        (the line editor takes a lone ESC followed by a pause as Escape)."""
        for key in re.findall(r"\x1b\[[0-9;]*[A-Za-z~]|.", text, re.S):
            self.p.send(key)
            time.sleep(pause)

    def flush(self):
        """Take in what the screen has shown so far (redraws of the line
        being edited hold prompts of their own)."""
        self.p.expect(pexpect.TIMEOUT, timeout=0.5)

    def run(self, line, timeout=30):
        """Type line and Enter; what it printed before the next prompt, or None."""
        self.type(line)
        self.flush()
        self.type("\r")
        if not self.expect(PROMPT, timeout):
            return None
        out = self.p.before.replace("\r\n", "\n")
        return out.split("\n", 1)[1] if "\n" in out else ""


def check(name, ok, con):
    report(name, ok, "the screen ends: " + repr(con.seen()))
    return ok


def main():
    if not os.path.exists(BUSYBOX):
        print("skip - console: the interactive shell tests  # busybox not fetched (tools/fetch_busybox.sh)")
        return 0
    con = Console()
    if not check("busybox init reaches the shell prompt on COM1", con.expect(PROMPT, 120), con):
        con.p.terminate(force=True)
        return 1
    out = con.run("echo hello $((6 * 7))")
    check("a typed command runs and prints", out is not None and "hello 42" in out, con)

    con.type("echo wrld")                 # cursor left 3, insert 'o': "echo world"
    con.type(LEFT * 3)
    con.type("o")
    out = con.run("")
    check("a line edited with the left arrow", out is not None and "world" in out.split("\n")[0], con)
    con.type(UP)                          # history: the line again, then Backspace twice
    con.type("\x7f\x7f")
    out = con.run("")
    check("history (up arrow) and Backspace", out is not None and re.search(r"^wor\s*$", out, re.M), con)

    con.type("yes > /dev/null\r")
    time.sleep(2)
    con.p.send("\x03")
    ok = con.expect(PROMPT, 20)
    out = con.run("echo status $?") if ok else None
    check("^C stops `yes > /dev/null`: status 130", out is not None and "status 130" in out, con)

    con.type("sleep 5\r")
    time.sleep(1)
    con.p.send("\x1a")
    ok = con.expect(r"Stopped", 20) and con.expect(PROMPT, 10)
    check("^Z stops `sleep 5` and the prompt comes back", ok, con)
    out = con.run("jobs") if ok else None
    check("jobs lists the stopped sleep", out is not None and "sleep 5" in out, con)
    start = time.monotonic()
    out = con.run("fg", timeout=30) if ok else None
    check("fg continues sleep, which then ends", out is not None and "sleep 5" in out and
          time.monotonic() - start < 25, con)

    con.type("poweroff\r")
    ended = con.expect(pexpect.EOF, 60)
    check("poweroff ends QEMU", ended, con)
    if not ended:
        con.p.terminate(force=True)
    failed = results.count(False)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
