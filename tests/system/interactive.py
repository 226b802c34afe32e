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
  - ^Z on `sleep`, then `fg` (SIGTSTP, job control, SIGCONT); ^Z, `bg`,
    `jobs`, `kill %1`;
  - a here-document typed at the continuation prompt, `time`, `dmesg`,
    `cat /proc/kmsg` (waits after the log; ^C),
    `df`, `stty -a`, `stty raw` (no output processing), `reset`;
  - `ls -l /`, `ps`, `free`, `uptime` and `mount` (/proc and the mount
    table, read by busybox as on Linux);
  - the full-screen programs: `vi` (insert, save, quit), `less` and
    `top` (quit with q), `tail -f` stopped with ^C;
  - `cat` reading what is typed until ^D; a job started with `&`,
    `jobs`, `fg` and ^C; `sh script.sh`; `exec` (the same shell process
    goes on as the program it runs);
  - the same kind of typing over a pseudo-terminal inside the guest: a
    shell under /tests/bin/pty_relay (a small `script`), with the arrows,
    ^C, ^Z and `fg`, `vi` (insert, save, quit) and `top` (q);
  - the free-frame count of a fresh shell, the same before and after all
    that (init respawns the shell: `exit` at the start and at the end);
  - `poweroff`, which must end QEMU; and on two more boots `reboot` and
    `halt` (QEMU runs with -no-reboot: a restart ends it too).

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
# After a full-screen program the prompt follows its last escape sequence.
PROMPT_ANYWHERE = r"tern:[^\r\n#]*# "
UP, LEFT = "\x1b[A", "\x1b[D"
results = []


def report(name, ok, why=""):
    results.append(bool(ok))             # a check may pass a match object or None
    print(("ok" if ok else "not ok") + " - console: " + name + ("" if ok else "  # " + why), flush=True)


class Console:
    # norandmaps: the free-frame check compares two fresh shells, and with
    # randomized layouts their page tables may differ by a frame.
    def __init__(self, cmdline="init=/sbin/init loglevel=4 norandmaps"):
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

    def run(self, line, timeout=30, prompt=PROMPT):
        """Type line and Enter; what it printed before the next prompt, or None."""
        self.type(line)
        self.flush()
        self.type("\r")
        if not self.expect(prompt, timeout):
            return None
        out = self.p.before.replace("\r\n", "\n")
        return out.split("\n", 1)[1] if "\n" in out else ""

    def stop_with_ctrl_z(self, command):
        """Start command, press ^Z once it runs: True when the shell says
        it stopped and its prompt is back."""
        self.type(command + "\r")
        time.sleep(1)
        self.p.send("\x1a")
        return self.expect(r"Stopped", 20) and self.expect(PROMPT, 10)

    def recover(self):
        """After a failed check: whatever runs is stopped, a prompt is back."""
        self.p.send("\x1b")
        time.sleep(0.3)
        self.type(":q!\r")
        self.p.send("q\x03")
        self.type("\r")
        self.expect(PROMPT, 10)
        self.flush()

    def free_frames(self):
        """The frames neither in use nor the kernel heap's (MemFree + Slab,
        in frames of 4 KiB), or None. The heap keeps an empty slab page per
        size class (mm/kheap.c), so the first use of a class between the
        two readings keeps a page that is no leak: before the heap counted
        in, such a page failed the check (30247 -> 30244, Slab 256 -> 268 kB)."""
        out = self.run("grep -e MemFree -e Slab /proc/meminfo")
        m = re.search(r"MemFree:\s+(\d+) kB", out or "")
        slab = re.search(r"Slab:\s+(\d+) kB", out or "")
        print("# MemFree, Slab: %s, %s" % (m and m.group(1), slab and slab.group(1)))
        return (int(m.group(1)) + int(slab.group(1))) // 4 if m and slab else None

    def respawn(self):
        """exit: init starts a fresh login shell; True when its prompt shows.
        The history file goes first, so that each fresh shell starts with
        the same (none) whatever was typed before."""
        self.type("rm -f ~/.ash_history; exit\r")
        return self.expect(PROMPT, 60)


def interrupted(con, command, shows=None, prompt=PROMPT):
    """Type command, let it run (until what matches shows is on the
    screen, if given), press ^C: whether the shell then says status 130."""
    con.type(command + "\r")
    ok = con.expect(shows, 20) if shows else True
    time.sleep(1 if shows else 2)
    con.p.send("\x03")
    ok = ok and con.expect(prompt, 20)
    out = con.run("echo status $?", prompt=prompt) if ok else None
    return out is not None and "status 130" in out


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
    # /proc keeps a node (kernel heap) for each name looked up while its
    # process lives: top reads /proc/1/stat and the tty1 shell's, which
    # outlive the test. Looked up once before the first count, they are
    # in both counts (without this, one heap page more at the end).
    con.run("top -b -n 1 > /dev/null")
    ok = con.respawn()
    start_frames = con.free_frames() if ok else None
    check("exit: init respawns the shell, which reads the free-frame count", start_frames is not None, con)
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

    check("^C stops `yes > /dev/null`: status 130", interrupted(con, "yes > /dev/null"), con)

    ok = con.stop_with_ctrl_z("sleep 5")
    check("^Z stops `sleep 5` and the prompt comes back", ok, con)
    out = con.run("jobs") if ok else None
    check("jobs lists the stopped sleep", out is not None and "sleep 5" in out, con)
    start = time.monotonic()
    out = con.run("fg", timeout=30) if ok else None
    check("fg continues sleep, which then ends", out is not None and "sleep 5" in out and
          time.monotonic() - start < 25, con)

    jobs_bg_kill(con)
    more_at_the_prompt(con)
    shell_features(con)
    system_tools(con)
    full_screen(con)
    over_a_pty(con)

    con.run("rm -f /tmp/vi.txt /tmp/pty.txt /tmp/script.sh")
    ok = con.respawn()
    end = con.free_frames() if ok else None
    check("the free-frame count of a fresh shell is back to its start (%s -> %s)" % (start_frames, end),
          start_frames is not None and start_frames == end, con)

    ends_the_machine(con, "poweroff", "Power down")
    for command, says in (("reboot", "Restarting system"), ("halt", "System halted")):
        con = Console()
        if check("a fresh boot for `%s` reaches the prompt" % command, con.expect(PROMPT, 120), con):
            ends_the_machine(con, command, says)
        else:
            con.p.terminate(force=True)
    failed = results.count(False)
    return 1 if failed else 0


def ends_the_machine(con, command, says):
    """command typed at the prompt: busybox's init is told (a signal), runs
    its shutdown, and calls reboot(2); the kernel says what it does, and
    QEMU ends (a restart too: it runs with -no-reboot)."""
    con.type(command + "\r")
    ok = con.expect(r"reboot: " + says, 60)
    ended = ok and con.expect(pexpect.EOF, 60)
    check("%s: the kernel says \"%s\" and QEMU ends" % (command, says), ended, con)
    if not ended:
        con.p.terminate(force=True)


def jobs_bg_kill(con):
    ok = con.stop_with_ctrl_z("sleep 100")
    check("^Z stops `sleep 100`", ok, con)
    out = con.run("bg") if ok else None
    check("bg runs it in the background", out is not None and "sleep 100" in out, con)
    out = con.run("jobs") if ok else None
    check("jobs says it is running", out is not None and "Running" in out, con)
    killed = con.run("kill %1") if ok else None
    out = con.run("sleep 1; jobs") if ok else None
    check("kill %1 ends it", killed is not None and out is not None and
          "Terminated" in killed + out and "Running" not in out, con)


def more_at_the_prompt(con):
    """cat at the terminal, a job started with &, sh script.sh, exec."""
    con.type("cat\r")
    time.sleep(1)
    con.type("typed to cat\r")
    ok = con.expect(r"typed to cat\r*\n(?:.*\n)*?typed to cat", 10)
    con.p.send("\x04")
    ok = ok and con.expect(PROMPT, 10)
    check("cat echoes a typed line back, ^D ends it", ok, con)

    out = con.run("sleep 100 &", timeout=10)   # busybox's ash prints no "[1] PID" (Linux too)
    check("sleep 100 &: the prompt is back at once", out is not None, con)
    out = con.run("jobs")
    check("jobs lists it running", out is not None and "Running" in out and "sleep 100" in out, con)
    check("fg brings it to the foreground, ^C ends it: status 130",
          interrupted(con, "fg", r"sleep 100"), con)

    out = con.run("printf 'echo script $1 $((2 + 3))\\n' > /tmp/script.sh; sh /tmp/script.sh arg")
    check("sh script.sh runs the file with its argument", out is not None and "script arg 5" in out, con)
    before = con.run("echo pid $$")
    con.type("export PS1; exec sh\r")
    ok = con.expect(PROMPT, 20)
    after = con.run("echo pid $$") if ok else None
    pid = re.search(r"pid \d+", before or "")
    check("exec sh: the same process goes on as a new shell", pid is not None and after is not None and
          pid.group(0) in after, con)


def shell_features(con):
    con.type("cat <<END\r")
    ok = con.expect(r"> ", 10)
    con.type("here $((6 * 7))\r")
    ok = ok and con.expect(r"> ", 10)
    con.type("END\r")
    ok = ok and con.expect(PROMPT, 10)
    check("a here-document typed at the > prompt", ok and "here 42" in con.p.before, con)

    out = con.run("time sleep 1")
    check("time sleep 1: real about a second", out is not None and
          re.search(r"real\s+0m 1\.\d\ds", out) is not None, con)
    out = con.run("dmesg | head -n 20")
    check("dmesg shows the kernel's log (its banner line, stamped as on Linux)", out is not None and
          re.search(r"^\[ +0\.\d{6}\] tern \S+ \(built", out, re.M) is not None, con)
    check("cat /proc/kmsg: the log as <level>[time] lines, then it waits; ^C ends it",
          interrupted(con, "cat /proc/kmsg", r"\n<\d>\[ +0\.\d{6}\] tern \S+ \(built"), con)
    out = con.run("df /dev")             # / is rootfs, which busybox's df skips as on Linux
    check("df /dev lists devtmpfs (through /etc/mtab)", out is not None and "Filesystem" in out and
          re.search(r"\s/dev\r*$", out, re.M) is not None, con)
    out = con.run("stty -a")
    check("stty -a: speed, window size, the special keys, the modes", out is not None and
          all(w in out for w in ("speed 38400 baud", "rows 24; columns 80", "intr = ^C", "icanon")), con)
    # QEMU's stdio keeps the host terminal's ONLCR: the guest's "\r\n"
    # arrives as "\r\r\n", a bare "\n" as "\r\n".
    con.type("stty raw; echo A; echo B; stty sane\r")
    ok = con.expect(PROMPT, 20)
    check("stty raw: no output processing (a bare newline), stty sane undoes it",
          ok and "A\r\nB" in con.p.before and "A\r\r\nB" not in con.p.before, con)
    out = con.run("stty raw; reset; stty -a | grep -o -e -icanon -e ' icanon'", timeout=30)
    check("reset: the terminal sane again after stty raw", out is not None and " icanon" in out and
          "-icanon" not in out, con)


def system_tools(con):
    """The tools that read /proc and the mount table, typed as a person
    would: each prints what it prints on Linux with the same busybox."""
    out = con.run("ls -l /")
    check("ls -l /: modes, links, owners, sizes, times, names", out is not None and
          re.search(r"^dr-xr-xr-x +\d+ root +root +\d+ \w{3} +\d+ +[\d:]+ proc\r*$", out, re.M)
          is not None, con)
    out = con.run("ps")
    check("ps: init as PID 1 and this shell", out is not None and re.search(r"^\s*PID\s+USER", out, re.M)
          and re.search(r"^\s*1 root .*init", out, re.M) and re.search(r"^\s*\d+ root .*-?sh\r*$", out, re.M)
          is not None, con)
    out = con.run("free")
    check("free: the memory line with total, used, free", out is not None and
          re.search(r"^Mem:\s+\d+\s+\d+\s+\d+", out, re.M) is not None, con)
    out = con.run("uptime")
    check("uptime: time, up, load average", out is not None and
          re.search(r"up .*load average: \d+\.\d\d, \d+\.\d\d, \d+\.\d\d", out) is not None, con)
    out = con.run("mount")
    check("mount: /proc and /dev in the table", out is not None and
          re.search(r"^proc on /proc type proc ", out, re.M) and
          re.search(r"^devtmpfs on /dev type devtmpfs ", out, re.M) is not None, con)


def quit_with_q(con, command, shows, name, prompt=PROMPT_ANYWHERE):
    """A full-screen program that shows what matches shows, and ends on q."""
    con.type(command + "\r")
    ok = con.expect(shows, 30)
    time.sleep(1)
    con.type("q")
    ok = ok and con.expect(prompt, 20)
    con.flush()
    if not check(name, ok, con):
        con.recover()


def vi_session(con, path, text, then, prompt=PROMPT_ANYWHERE):
    """vi path: insert text, Escape, the keys then (ending in :wq) and
    Enter; whether the prompt came back."""
    con.type("vi %s\r" % path)
    ok = con.expect(re.escape(path), 20)
    con.type("i" + text)
    con.p.send("\x1b")
    time.sleep(0.5)
    con.type(then + "\r")
    ok = ok and con.expect(prompt, 20)
    con.flush()
    return ok


def full_screen(con):
    # back to the start of the line, delete h, save, quit
    ok = vi_session(con, "/tmp/vi.txt", "hello from vi", "0x:wq")
    out = con.run("cat /tmp/vi.txt") if ok else None
    if not check("vi: insert, Escape, edit, :wq saves and quits", out is not None and "ello from vi" in out
                 and "hello" not in out, con):
        con.recover()

    quit_with_q(con, "less /etc/inittab", r"busybox init's table", "less shows a file and quits with q")
    quit_with_q(con, "top", r"PID\s+PPID\s+USER", "top shows the processes and quits with q")

    if not check("tail -f waits for more and ^C ends it: status 130",
                 interrupted(con, "tail -f /etc/hostname", r"\ntern\r*\n"), con):
        con.recover()


PTY_PROMPT = r"\npty\$ "
PTY_PROMPT_ANYWHERE = r"pty\$ "


def over_a_pty(con):
    """A shell on /dev/pts/N, typed at through pty_relay (raw console)."""
    con.type("PS1='pty$ ' /tests/bin/pty_relay /bin/sh\r")
    ok = con.expect(PTY_PROMPT, 30)
    check("pty: a shell under pty_relay prompts", ok, con)
    if not ok:
        con.recover()
        return
    out = con.run("tty", prompt=PTY_PROMPT)
    check("pty: its terminal is /dev/pts/N", out is not None and re.search(r"^/dev/pts/\d+", out, re.M), con)
    con.type("echo wrld")
    con.type(LEFT * 3)
    con.type("o")
    out = con.run("", prompt=PTY_PROMPT)
    check("pty: a line edited with the left arrow", out is not None and "world" in out.split("\n")[0], con)
    check("pty: ^C stops `yes > /dev/null`: status 130",
          interrupted(con, "yes > /dev/null", prompt=PTY_PROMPT), con)
    con.type("sleep 3\r")
    time.sleep(1)
    con.p.send("\x1a")
    ok = con.expect(r"Stopped", 20) and con.expect(PTY_PROMPT, 10)
    out = con.run("fg", prompt=PTY_PROMPT) if ok else None
    check("pty: ^Z stops sleep, fg ends it", out is not None and "sleep 3" in out, con)
    full_screen_over_a_pty(con)
    con.type("exit\r")
    ok = con.expect(r"pty_relay: /bin/sh ended with status 0", 20) and con.expect(PROMPT, 10)
    check("pty: exit ends the shell and pty_relay; the console's prompt is back", ok, con)


def full_screen_over_a_pty(con):
    """vi and top on the pty's slave: the same keys as on the console."""
    ok = vi_session(con, "/tmp/pty.txt", "pty vi", ":wq", PTY_PROMPT_ANYWHERE)
    out = con.run("cat /tmp/pty.txt", prompt=PTY_PROMPT) if ok else None
    check("pty: vi inserts, saves and quits", out is not None and "pty vi" in out, con)
    quit_with_q(con, "top", r"PID\s+PPID\s+USER", "pty: top shows the processes and quits with q",
                PTY_PROMPT_ANYWHERE)

if __name__ == "__main__":
    sys.exit(main())
