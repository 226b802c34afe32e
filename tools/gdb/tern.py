"""tern.py - gdb commands that understand the tern kernel.

Load it with `source tools/gdb/tern.py` (make debug does); `tern` lists
the commands (USAGE below), docs/debugging.md explains them. The work is in
tern_mem.py (page tables, physical memory) and tern_proc.py (processes,
user programs); this file parses arguments and prints.
"""
import os
import re
import sys

import gdb

sys.dont_write_bytecode = True    # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tern_mem as mem      # noqa: E402
import tern_proc as proc    # noqa: E402
import tern_fs as fs        # noqa: E402

DMESG_DEFAULT_LINES = 0     # 0 = the whole ring
FRAME_STACK_SHOWN = 8       # entries of the free stack `frames` prints
MS_RDONLY = 0x1             # uapi/mount.h
USAGE = """\
  pt ADDR [PID]     walk ADDR through a page directory and table
  vmmap [PID]       an address space's mapped ranges, merged into runs
  ps                processes and threads
  frames            the frame allocator: free/used counts, top of the stack
  tmt               transient mapping slots in use and what they map
  dmesg [N]         the kernel log ring (the last N lines)
  threads [PID]     a process's threads: tid, state, what each sleeps on, user eip
  files [PID]       a process's descriptors: path, offset, flags
  inode ADDR        an inode: type, mode, owners, size, links, its path
  bt-user [TID]     user backtrace of a thread (default: the one on the CPU)
  user-entry PATH   continue until program PATH first runs; stop at its entry
  ubreak LOCATION   a breakpoint that stops only in the current process
  mounts            the mount table: mount points, types, devices, roots
  sigs [PID]        a process's handlers, pending signals and threads' masks"""


def parse_args(arg, names):
    argv = gdb.string_to_argv(arg)
    if len(argv) > len(names):
        raise gdb.GdbError("usage: " + " ".join(names))
    return argv


def space_of(pid_arg):
    """(Space, description) for a pid argument, or the current space."""
    if pid_arg is None:
        p = gdb.parse_and_eval("cpu0.current")
        p = p["proc"] if int(p) else p     # NULL until proc_init
        pd = mem.reg("cr3")
    else:
        p = proc.process_by_pid(mem.address(pid_arg))
        pd = proc.page_directory(p)
        if pd is None:
            raise gdb.GdbError("pid %d has no address space" % int(p["pid"]))
    if not mem.paging_on():
        raise gdb.GdbError("paging is off: addresses are physical")
    s = mem.Space(pd)
    who = "pid %d (%s)" % (int(p["pid"]), p["exe"].string()) if int(p) else "the boot space"
    return s, "%s, page directory 0x%08x, read through %s" % (who, s.pd, s.how)


class Tern(gdb.Command):
    """tern: list the commands of tools/gdb/tern.py (docs/debugging.md)."""

    def __init__(self):
        super().__init__("tern", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        print(USAGE)


class Pt(gdb.Command):
    """pt ADDR [PID]: the page-directory and page-table entries that map
ADDR, with their frames and flags, and the physical address. Without PID
the current space (through the recursive self-map); with PID that
process's space (from its directory's physical address, via QEMU)."""

    def __init__(self):
        super().__init__("pt", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        argv = parse_args(arg, ["ADDR", "[PID]"])
        if not argv:
            raise gdb.GdbError("usage: pt ADDR [PID]")
        va = mem.address(argv[0])
        space, who = space_of(argv[1] if len(argv) > 1 else None)
        lines, pa = mem.translate(space, va)
        print("0x%08x (%s) in %s" % (va, mem.region_of(va), who))
        print("\n".join(lines))
        if pa is not None:
            print("  physical 0x%08x" % pa)


class Vmmap(gdb.Command):
    """vmmap [PID]: the mapped pages of an address space, merged into runs
of contiguous pages with the same access (r or rw, user or kernel)."""

    def __init__(self):
        super().__init__("vmmap", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        argv = parse_args(arg, ["[PID]"])
        space, who = space_of(argv[0] if argv else None)
        print("address space of " + who)
        print("  %-10s %-10s %8s  %-4s %-4s  %-10s  %s" % ("start", "end", "pages", "perm", "ring",
                                                         "1st frame", "region"))
        for start, end, w, u, frame, pages in mem.mapped_runs(space):
            print("  0x%08x 0x%08x %8d  %-4s %-4s  0x%08x  %s"
                  % (start, end, pages, "rw" if w else "r-", "user" if u else "kern", frame,
                     mem.region_of(start)))


class Ps(gdb.Command):
    """ps: every process (pid, parent, state, page directory, program) and
its threads (tid, state, kernel stack top, name). * marks the running one."""

    def __init__(self):
        super().__init__("ps", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        running = int(gdb.parse_and_eval("cpu0.current"))
        by_proc = {}
        for t in proc.threads():
            by_proc.setdefault(int(t["proc"]), []).append(t)
        print("  %5s %5s %-7s %-10s  %s" % ("PID", "PPID", "STATE", "PAGE-DIR", "PROGRAM"))
        for p in sorted(proc.processes(), key=lambda p: int(p["pid"])):
            parent = p["parent"]
            pd = proc.page_directory(p)
            print("  %5d %5s %-7s %-10s  %s" % (
                int(p["pid"]), str(int(parent["pid"])) if int(parent) else "-",
                proc.enum_name(p["state"], "PROC_"), "0x%08x" % pd if pd is not None else "-",
                p["exe"].string()))
            for t in by_proc.get(int(p), []):
                tf = proc.user_trapframe(t)
                if int(t) == running and proc.in_user_mode():
                    user = "  in user mode at 0x%08x" % mem.reg("eip")
                elif tf is not None:
                    user = "  user eip 0x%08x" % int(tf["eip"])
                else:
                    user = ""
                print("      %s tid %-4d %-9s kstack_top 0x%08x  %s%s" % (
                    "*" if int(t) == running else " ", int(t["tid"]),
                    proc.enum_name(t["state"], "THREAD_"), int(t["kstack_top"]),
                    t["name"].string(), user))


class Frames(gdb.Command):
    """frames: free and used frames of the allocator (mm/frame.c's pool),
and the top of the free stack (the frames handed out next)."""

    def __init__(self):
        super().__init__("frames", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        pool = proc.static("mm/frame.c", "pool")
        top, total = int(pool["top"]), int(pool["total"])
        if not int(pool["stack"]):
            raise gdb.GdbError("the frame allocator is not set up yet (frame_init)")
        print("frames: %d free, %d in use, %d in the pool (%d MiB); pfn limit %d, "
              "stack capacity %d, bad frees %d"
              % (top, total - top, total, total * mem.PAGE_SIZE >> 20, int(pool["nframes"]),
                 int(pool["capacity"]), int(pool["bad_frees"])))
        shown = [int(pool["stack"][top - 1 - k]) for k in range(min(top, FRAME_STACK_SHOWN))]
        print("top of the free stack (next out first): " +
              " ".join("0x%08x" % (pfn * mem.PAGE_SIZE) for pfn in shown))


class Tmt(gdb.Command):
    """tmt: the transient mapping table's slots in use (non-zero entries of
mm/tmt.c's tmt_table) and the frame each maps."""

    def __init__(self):
        super().__init__("tmt", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        table = proc.static("mm/tmt.c", "tmt_table")
        slots = mem.K["TMT_SLOTS"]
        used = [(n, int(table[n])) for n in range(slots) if int(table[n])]
        free_top = int(proc.static("mm/tmt.c", "free_top"))
        print("TMT: %d of %d slots in use (free stack: %d free)" % (len(used), slots, free_top))
        for n, pte in used:
            print("  slot %4d  va 0x%08x -> frame 0x%08x  [%s]"
                  % (n, mem.K["TMT_BASE"] + n * mem.PAGE_SIZE, pte & mem.PTE_FRAME, mem.flags_str(pte)))


class Dmesg(gdb.Command):
    """dmesg [N]: the kernel log ring (kernel/console.c klog_ring), oldest
first, without the level each message carries ("<6>"), as busybox's
dmesg shows it; with N only the last N lines."""

    def __init__(self):
        super().__init__("dmesg", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        argv = parse_args(arg, ["[N]"])
        last = int(argv[0]) if argv else DMESG_DEFAULT_LINES
        ring = gdb.parse_and_eval("klog_ring")
        size = ring.type.sizeof
        head = int(gdb.parse_and_eval("klog_head"))
        data = mem.read_virt(int(ring.address), size)
        text = data[:head] if head <= size else data[head % size:] + data[:head % size]
        lines = text.decode("latin-1").replace("\r", "").split("\n")
        if head > size:
            lines = lines[1:]          # the oldest line was partly overwritten
        lines = [re.sub(r"^<\d+>", "", l) for l in lines]   # each message's level, as dmesg drops it
        print("\n".join(lines[-last:] if last else lines))


class Files(gdb.Command):
    """files [PID]: the descriptor table of a process (the current one
without PID): each descriptor's file (its path when opened by name, else
the ops behind it), offset, open flags and close-on-exec."""

    def __init__(self):
        super().__init__("files", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        argv = parse_args(arg, ["[PID]"])
        p = proc.process_by_pid(mem.address(argv[0])) if argv else proc.current_process()
        rows = [fs.describe_file(fd, cloexec, f) for fd, cloexec, f in fs.open_files(p)]
        files = p["files"]
        print("pid %d (%s): %d descriptors open, table of %d, used by %d processes"
              % (int(p["pid"]), p["exe"].string(), len(rows),
                 int(files["fdt"]["size"]) if int(files) else 0, int(files["users"]) if int(files) else 0))
        print("\n".join(rows))


class Inode(gdb.Command):
    """inode ADDR: a struct inode: number, device, type and mode, links
and references, owners, size, its path (searched from the roots), a
directory's entry count, a link's target."""

    def __init__(self):
        super().__init__("inode", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        if not arg.strip():                 # an expression, quotes and all: not split
            raise gdb.GdbError("usage: inode ADDR")
        print("\n".join(fs.describe_inode(fs.inode_at(arg.strip()))))


class BtUser(gdb.Command):
    """bt-user [TID]: the user-space backtrace of a thread (default: the
current one), from the registers it saved when it trapped into the kernel
(or the live ones in user mode), with the symbols of its program loaded
from build/. The thread's space must be the current one."""

    def __init__(self):
        super().__init__("bt-user", gdb.COMMAND_STACK)

    def invoke(self, arg, from_tty):
        argv = parse_args(arg, ["[TID]"])
        t = proc.thread_by_tid(int(mem.address(argv[0]))) if argv else None
        print(proc.user_backtrace(t), end="")


def sleep_of(t):
    """What thread t waits for: its wait queue (by symbol when it has one),
its timer, or nothing."""
    what = []
    wq = int(t["wq"])
    if wq:
        sym = gdb.execute("info symbol 0x%x" % wq, to_string=True).strip()
        what.append("queue 0x%08x%s" % (wq, "" if sym.startswith("No symbol") else " (%s)" % sym.split(" in ")[0]))
    if int(t["timer_armed"]):
        what.append("timer at tick %d" % int(t["wake_tick"]))
    return ", ".join(what) if what else "-"


class Threads(gdb.Command):
    """threads [PID]: the threads of a process (default: the current one),
oldest first: tid (L: the leader, whose tid is the pid), state, what it
sleeps on, the user eip it trapped from, the signals it blocks and has
pending. * marks the running one."""

    def __init__(self):
        super().__init__("threads", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        argv = parse_args(arg, ["[PID]"])
        p = proc.process_by_pid(int(mem.address(argv[0]))) if argv else proc.current_process()
        running = int(gdb.parse_and_eval("cpu0.current"))
        ts = proc.group(p)
        print("pid %d (%s): %d thread(s)%s" % (int(p["pid"]), p["exe"].string(), int(p["nthreads"]),
                                               ", ending" if int(p["group_exiting"]) else ""))
        print("  %6s %-9s %-10s %-10s %-10s  %s" % ("TID", "STATE", "USER-EIP", "BLOCKED", "PENDING", "SLEEPS ON"))
        for t in ts:
            tf = proc.user_trapframe(t)
            eip = mem.reg("eip") if int(t) == running and proc.in_user_mode() else (
                int(tf["eip"]) if tf is not None else None)
            print("%s %5d%s %-9s %-10s 0x%08x 0x%08x  %s" % (
                "*" if int(t) == running else " ", int(t["tid"]),
                "L" if int(t["tid"]) == int(p["pid"]) else " ",
                proc.enum_name(t["state"], "THREAD_"), "0x%08x" % eip if eip is not None else "-",
                int(t["sig_blocked"]) & 0xffffffff, int(t["sig_pending"]["set"]) & 0xffffffff,
                sleep_of(t)))


class EntryBreakpoint(gdb.Breakpoint):
    """A hardware breakpoint on a program's entry that stops only when the
current process runs that program (every static binary is linked low, and
QEMU matches breakpoints by virtual address in any address space)."""

    def __init__(self, addr, exe):
        super().__init__("*0x%x" % addr, type=gdb.BP_HARDWARE_BREAKPOINT)
        self.exe = exe

    def stop(self):
        return proc.exe_of_current() == self.exe


class UserEntry(gdb.Command):
    """user-entry PATH: load the symbols of program PATH (as the image names
it, e.g. /tests/bin/hello) from build/, continue until a process runs it,
and stop at its first instruction."""

    def __init__(self):
        super().__init__("user-entry", gdb.COMMAND_RUNNING)

    def invoke(self, arg, from_tty):
        argv = parse_args(arg, ["PATH"])
        if not argv:
            raise gdb.GdbError("usage: user-entry PATH")
        path = proc.load_user_symbols(argv[0])
        if not path:
            raise gdb.GdbError("no unstripped copy of %s under build/" % argv[0])
        entry = proc.elf_entry(path)
        bp = EntryBreakpoint(entry, argv[0])
        try:
            gdb.execute("continue")
        finally:
            bp.delete()
        p = proc.current_process()
        if proc.exe_of_current() == argv[0] and int(gdb.parse_and_eval("$pc")) == entry:
            print("%s is running as pid %d; stopped at its entry 0x%08x"
                  % (argv[0], int(p["pid"]), entry))
            gdb.execute("frame", to_string=False)


class UBreak(gdb.Command):
    """ubreak LOCATION: break at LOCATION only in the current process (its
pid), for user code that other processes have at the same address."""

    def __init__(self):
        super().__init__("ubreak", gdb.COMMAND_BREAKPOINTS)

    def invoke(self, arg, from_tty):
        if not arg.strip():
            raise gdb.GdbError("usage: ubreak LOCATION")
        pid = int(proc.current_process()["pid"])
        gdb.execute("break %s if cpu0.current->proc->pid == %d" % (arg, pid))


class Mounts(gdb.Command):
    """mounts: the mount table (fs/mount.c) in mount order: where each file
system is mounted, its type, mount's source argument, its device (0:N),
its root inode and whether it is read-only."""

    def __init__(self):
        super().__init__("mounts", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        print("  %-24s %-9s %-10s %-6s %-10s  %s" % ("MOUNTPOINT", "TYPE", "SOURCE", "DEV", "ROOT", "FLAGS"))
        for path, type_, source, dev, root, flags in fs.mount_rows():
            print("  %-24s %-9s %-10s 0:%-4d 0x%08x  %s" % (path, type_, source, dev, root,
                                                          "ro" if flags & MS_RDONLY else "rw"))


class Sigs(gdb.Command):
    """sigs [PID]: a process's signal state: its handlers (those not
SIG_DFL, with flags and masks), what is pending for it and for each thread,
and each thread's blocked mask (the current process without PID)."""

    def __init__(self):
        super().__init__("sigs", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        argv = parse_args(arg, ["[PID]"])
        p = proc.process_by_pid(mem.address(argv[0])) if argv else proc.current_process()
        print("\n".join(proc.signal_report(p)))


for cmd in (Tern, Pt, Vmmap, Ps, Frames, Tmt, Dmesg, Files, Inode, BtUser, Threads, UserEntry, UBreak, Mounts, Sigs):
    cmd()
