#!/usr/bin/env python3
"""vga_console.py - a person at the VGA screen and the PS/2 keyboard.

QEMU boots the default /sbin/init (busybox init; /etc/inittab runs a shell
on tty1, the VGA console). The test presses keys through QEMU's monitor
(`sendkey`: make and break scancodes from the emulated i8042, as a real
keyboard sends them) and reads the screen from the emulated VGA text
memory at 0xB8000 (`pmemsave`): 80x25 cells of a character and its
attribute. Checked, each as on a Linux console with the same busybox:

  - the tty1 shell's prompt is on the screen;
  - a typed command runs and its output is drawn;
  - the arrow keys (0xE0-prefixed scancodes, turned into ESC [ D by the
    keyboard driver), Delete, Home and End edit the line in busybox's
    line editor;
  - Alt (left, and right: AltGr) sends the Meta prefix ESC before the
    key: Alt-b, Alt-f, Alt-d, Alt-Backspace edit by words;
  - vi (its ~ rows, insert, :wq) and top (its table, q) draw on the
    screen through the escape-sequence interpreter;
  - ^C (Ctrl held) stops `yes > /dev/null` with status 130;
  - colours: ESC [ 31 m draws red on black (VGA attribute 0x04);
  - `clear` (ESC [ H ESC [ J) leaves the prompt alone on the top row;
  - the free-frame count of a fresh tty1 shell (`exit`: init respawns
    it) is the same before and after all that;
  - Ctrl-Alt-Del, with init having turned the kernel's own restart off
    as busybox's init does, makes init reboot the machine (QEMU ends).

No busybox fetched: skipped, saying so.
"""
import os
import re
import socket
import subprocess
import sys
import tempfile
import time

from qemu import iso_for, qemu_command, ROOT

BUSYBOX = os.path.join(ROOT, "build", "busybox", "busybox")
VGA_TEXT = 0xB8000
COLS, ROWS = 80, 25
ATTR_RED_ON_BLACK = 0x04
PROMPT = re.compile(r"^tern:[^#]*#( |$)")    # lines are read with trailing blanks cut

# sendkey names of the characters typed here (QEMU's qcode names).
KEY_NAMES = {" ": "spc", "\r": "ret", "-": "minus", "=": "equal", "/": "slash", ".": "dot",
             ";": "semicolon", "'": "apostrophe", ",": "comma", "\\": "backslash",
             "[": "bracket_left", "]": "bracket_right", "`": "grave_accent"}
SHIFTED = {"$": "4", "(": "9", ")": "0", "*": "8", "?": "slash", ">": "dot", "<": "comma",
           "|": "backslash", "&": "7", "_": "minus", "+": "equal", ":": "semicolon",
           '"': "apostrophe", "!": "1", "{": "bracket_left", "}": "bracket_right"}
results = []


def report(name, ok, why=""):
    results.append(bool(ok))
    print(("ok" if ok else "not ok") + " - vga: " + name + ("" if ok else "  # " + why), flush=True)


class Screen:
    """QEMU with its human monitor on a unix socket, the VGA kept headless."""

    def __init__(self, cmdline="init=/sbin/init loglevel=4 norandmaps"):
        self.dir = tempfile.mkdtemp(prefix="tern-vga-")
        sock = os.path.join(self.dir, "monitor")
        cmd = qemu_command(iso_for(cmdline), 128) + [
            "-monitor", "unix:%s,server=on,wait=off" % sock,
            "-serial", "file:" + os.path.join(self.dir, "com1")]
        self.qemu = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
        for _ in range(100):
            try:
                self.mon = socket.socket(socket.AF_UNIX)
                self.mon.connect(sock)
                break
            except OSError:
                time.sleep(0.1)
        self.mon.settimeout(10)
        self.monitor("")                  # its banner and first prompt

    def monitor(self, line):
        """One monitor command; what it answered, up to its next "(qemu)"."""
        if line:
            self.mon.sendall(line.encode() + b"\n")
        out = b""
        while not out.rstrip().endswith(b"(qemu)"):
            chunk = self.mon.recv(4096)
            if not chunk:
                break
            out += chunk
        return out.decode(errors="replace")

    def cells(self):
        """The 2,000 (character, attribute) cells of the text screen."""
        dump = os.path.join(self.dir, "screen")
        self.monitor("pmemsave 0x%x %d \"%s\"" % (VGA_TEXT, COLS * ROWS * 2, dump))
        with open(dump, "rb") as f:
            raw = f.read()
        return [(chr(raw[i]), raw[i + 1]) for i in range(0, len(raw), 2)]

    def lines(self):
        c = self.cells()
        return ["".join(ch for ch, _ in c[r * COLS:(r + 1) * COLS]).rstrip() for r in range(ROWS)]

    def wait_for(self, pattern, timeout=30):
        """The screen's lines once one of them matches pattern, or None."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            lines = self.lines()
            if any(re.search(pattern, l) for l in lines):
                return lines
            time.sleep(0.5)
        return None

    def key(self, name):
        self.monitor("sendkey " + name)
        time.sleep(0.03)

    def type(self, text):
        for ch in text:
            if ch in SHIFTED:
                self.key("shift-" + SHIFTED[ch])
            elif ch.isupper():
                self.key("shift-" + ch.lower())
            else:
                self.key(KEY_NAMES.get(ch, ch))

    def console(self):
        """What the kernel and init wrote on COM1 so far."""
        with open(os.path.join(self.dir, "com1"), errors="replace") as f:
            return f.read().replace("\r\n", "\n")

    def ended(self, timeout):
        try:
            self.qemu.wait(timeout)
            return True
        except subprocess.TimeoutExpired:
            return False

    def stop(self):
        if self.qemu.poll() is None:
            self.qemu.kill()
            self.qemu.wait()


def below_command(lines, command):
    """The lines after the last prompt line showing command (the screen
    scrolls, so rows are found by their text, not remembered), or every
    line when it is not there (a command that clears the screen)."""
    rows = [i for i, l in enumerate(lines) if PROMPT.match(l) and l.endswith(command)]
    return lines[rows[-1] + 1:] if rows else lines


def run(scr, command, want, timeout=30, shown=None):
    """Type command and Enter; the screen once a line below the command
    line (which shows shown, by default command) matches want, or None."""
    scr.type(command + "\r")
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        lines = scr.lines()
        if any(re.search(want, l) for l in below_command(lines, shown or command)):
            return lines
        time.sleep(0.5)
    return None


def line_edit(scr, steps, want, name):
    """Type each step (a string: those characters; a tuple: those sendkey
    names) and Enter: the command then shown is "echo " + want, and want
    its output."""
    for step in steps:
        if isinstance(step, tuple):
            for key in step:
                scr.key(key)
        else:
            scr.type(step)
    lines = run(scr, "", "^" + re.escape(want) + "$", shown="echo " + want)
    report(name, lines, "screen: %r" % scr.lines())


def fresh_shell(scr):
    """`clear; exit`: init respawns tty1's shell (the history file goes
    first, so each fresh shell starts the same). True once the new
    shell's prompt is the last line of the cleared screen."""
    scr.type("rm -f ~/.ash_history; clear; exit\r")
    end = time.monotonic() + 60
    while time.monotonic() < end:
        lines = [l for l in scr.lines() if l]
        if lines and PROMPT.match(lines[-1]) and not any("exit" in l for l in lines):
            return True
        time.sleep(0.5)
    return False


def free_frames(scr):
    """The frames neither in use nor the kernel heap's (MemFree + Slab, in
    frames of 4 KiB) as a fresh tty1 shell reads them, or None. The heap
    keeps an empty slab page per size class (mm/kheap.c): a class first
    used between the two readings keeps a page that is no leak (as
    interactive.py counts)."""
    if not fresh_shell(scr):
        return None
    lines = run(scr, "grep -e MemFree -e Slab /proc/meminfo", r"^Slab:\s+\d+ kB")
    text = "\n".join(lines or [])
    free = re.findall(r"MemFree:\s+(\d+) kB", text)
    slab = re.findall(r"Slab:\s+(\d+) kB", text)
    print("# MemFree, Slab: %s, %s" % (free and free[-1], slab and slab[-1]))
    return (int(free[-1]) + int(slab[-1])) // 4 if free and slab else None


def full_screen(scr):
    """vi and top draw with the VT100/linux sequences the screen must
    understand (cursor moves, erase, reverse video): what they drew is
    read back from the text memory."""
    scr.type("vi /tmp/vga.txt\r")
    lines = scr.wait_for(r"^~ *$", 20)             # empty lines shown as ~ at the left edge
    report("vi draws its screen: ~ rows and the file's name",
           lines and sum(l == "~" for l in lines) >= ROWS - 5 and any("/tmp/vga.txt" in l for l in lines),
           "screen: %r" % scr.lines())
    scr.type("ivga vi")
    scr.key("esc")
    time.sleep(0.5)
    scr.type(":wq\r")
    lines = run(scr, "cat /tmp/vga.txt; rm /tmp/vga.txt", r"^vga vi$")
    report("vi: insert, Escape, :wq saves and quits", lines, "screen: %r" % scr.lines())
    scr.type("top\r")
    lines = scr.wait_for(r"PID\s+PPID\s+USER", 30)
    report("top draws its table on the screen", lines, "screen: %r" % scr.lines())
    time.sleep(1)
    scr.type("q")
    lines = run(scr, "echo after top", r"^after top$")
    report("top quits with q; the shell takes commands again", lines, "screen: %r" % scr.lines())


def checks(scr):
    lines = scr.wait_for(PROMPT.pattern, 120)
    report("the tty1 shell's prompt is on the screen", lines, "screen: %r" % scr.lines())
    if not lines:
        return
    # /proc keeps a node (kernel heap) for each name looked up while its
    # process lives: top reads /proc/1/stat and the COM1 shell's, which
    # outlive the test. Looked up once before the first count, they are
    # in both counts (interactive.py does the same).
    run(scr, "top -b -n 1 > /dev/null; echo warm", r"^warm$")
    start_frames = free_frames(scr)
    lines = run(scr, "echo vga $((6 * 7))", r"^vga 42$")
    report("a command typed on the keyboard runs; its output is drawn", lines, "screen: %r" % scr.lines())

    scr.type("echo wrld")
    for _ in range(3):
        scr.key("left")
    scr.type("o")
    lines = run(scr, "", r"^world$", shown="echo world")
    report("the left arrow moves the cursor in the line editor", lines, "screen: %r" % scr.lines())

    # Alt is Meta: a key with Alt held comes after ESC, as on Linux's
    # console; busybox's line editor takes ESC b / ESC f as word moves,
    # ESC d and ESC DEL as word deletes (the results are Linux's, with the
    # same busybox under a pty on the host).
    line_edit(scr, ["echo one two three", ("alt-b", "alt-b", "alt-d"), "2"], "one 2 three",
              "Alt-b moves back a word, Alt-d deletes one (ESC b, ESC d)")
    line_edit(scr, ["echo ab cd", ("alt_r-b", "alt_r-b", "alt_r-f"), "X"], "abX cd",
              "right Alt (AltGr) is Alt too: Alt-f moves to the word's end")
    line_edit(scr, ["echo aa bb", ("alt-backspace",)], "aa",
              "Alt-Backspace deletes the word before the cursor (ESC DEL)")
    line_edit(scr, ["cho abXc", ("left", "left", "delete", "home"), "e", ("end",), "d"], "abcd",
              "Delete, Home and End edit the line (ESC [ 3 ~, ESC [ 1 ~, ESC [ 4 ~)")
    # enter_key_sent_newline: the Enter key sent LF; Linux's console sends
    # CR (fn_enter), which ICRNL turns into LF for canonical reads only:
    # a raw read (stty raw) must see 0x0d.
    scr.type("stty raw -echo; head -c 1 | od -An -tx1; stty sane\r")
    time.sleep(1)
    scr.key("ret")
    lines = scr.wait_for(r"^ ?0d$", 20)
    report("enter_key_sent_newline: Enter sends CR (0x0d) to a raw read", lines,
           "screen: %r" % scr.lines())
    # function_keys_sent_nothing: F1-F12 sent no bytes; Linux's console
    # sends ESC [ [ A for F1 ... ESC [ 24 ~ for F12.
    scr.type("stty raw -echo; head -c 9 | od -An -c; stty sane\r")
    time.sleep(1)
    scr.key("f1")
    scr.key("f12")
    lines = scr.wait_for(r"033\s+\[\s+\[\s+A\s+033\s+\[\s+2\s+4\s+~", 20)
    report("function_keys_sent_nothing: F1 sends ESC [ [ A, F12 ESC [ 2 4 ~", lines,
           "screen: %r" % scr.lines())
    # vt_ignored_queries: the screen dropped CSI 6 n unanswered, as if no
    # terminal were there: busybox's line editor asks it after each prompt
    # (to learn where the prompt left the cursor). Linux's console types
    # ESC [ row ; col R back; a raw read sees it.
    lines = run(scr, "clear; stty raw -echo; printf 'ab\\033[6n'; head -c 6 | od -An -c; stty sane",
                r"033\s+\[\s+1\s+;\s+3\s+R", timeout=15)
    report("vt_ignored_queries: CSI 6 n is answered with ESC [ 1 ; 3 R as typed input", lines,
           "screen: %r" % scr.lines())
    full_screen(scr)

    scr.type("yes > /dev/null\r")
    time.sleep(2)
    scr.key("ctrl-c")
    lines = run(scr, "echo status $?", r"^status 130$")
    report("^C stops `yes > /dev/null`: status 130", lines, "screen: %r" % scr.lines())

    lines = run(scr, "clear; printf '\\033[31mRED\\033[0m plain\\n'", r"^RED plain$")
    report("clear leaves the command's output at the top", lines and lines[0] == "RED plain",
           "screen: %r" % scr.lines())
    cells = scr.cells()
    report("ESC [ 31 m draws red on black, ESC [ 0 m the default again",
           lines and cells[0] == ("R", ATTR_RED_ON_BLACK) and cells[4][1] != ATTR_RED_ON_BLACK,
           "first cells: %r" % cells[:6])

    end_frames = free_frames(scr)
    report("the free-frame count of a fresh tty1 shell is back to its start (%s -> %s)" %
           (start_frames, end_frames), start_frames is not None and start_frames == end_frames,
           "screen: %r" % scr.lines())

    # Busybox's init turned Ctrl-Alt-Del off (reboot(2) CAD_OFF): the keys
    # send init SIGINT, and its ::ctrlaltdel: action reboots the proper way.
    scr.key("ctrl-alt-delete")
    ended = scr.ended(60)
    com1 = scr.console()
    report("Ctrl-Alt-Del: init gets SIGINT and reboots through its ::ctrlaltdel: action",
           ended and "reboot: Restarting system\n" in com1 and "Ctrl-Alt-Del: restarting" not in com1,
           "QEMU still running" if not ended else "console ends: %r" % com1[-300:])


def main():
    if not os.path.exists(BUSYBOX):
        print("skip - vga: the VGA console and keyboard tests  # busybox not fetched (tools/fetch_busybox.sh)")
        return 0
    scr = Screen()
    try:
        checks(scr)
    finally:
        scr.stop()
    return 1 if results.count(False) else 0


if __name__ == "__main__":
    sys.dont_write_bytecode = True
    sys.exit(main())
