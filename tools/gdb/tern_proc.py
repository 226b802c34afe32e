"""tern_proc.py - processes, threads and user programs of the tern kernel,
seen from gdb (the structures of proc/proc.h and proc/thread_internal.h).

User programs are static i386 executables all linked at the same low
addresses, so only one program's symbols are loaded at a time; they come
from the unstripped copies in build/ (the image carries stripped ones).
A user frame is reached through the trapframe at the top of the thread's
kernel stack, where the CPU and kernel/isr.asm saved it on entry.
"""
import os

import gdb

from tern_mem import ROOT, K

USER_TOP = K["USER_TOP"]
RING_MASK = 3                     # the CPL bits of a code selector
USER_BUILD_DIRS = ("build/user/tests", "build/user")    # unstripped programs, by name
ROOTFS_DIR = "build/rootfs"                             # the image's tree (may be stripped)
# GDB register <- struct trapframe field, for a user frame (kernel/trap.h).
TF_REGS = (("eip", "eip"), ("esp", "user_esp"), ("ebp", "ebp"), ("eax", "eax"),
           ("ebx", "ebx"), ("ecx", "ecx"), ("edx", "edx"), ("esi", "esi"), ("edi", "edi"))


def val(expr):
    return gdb.parse_and_eval(expr)


def static(path, name):
    """A file-scope static, e.g. static('proc/process.c', 'procs')."""
    try:
        return val("'%s'::%s" % (path, name))
    except gdb.error:
        return val(name)


def each(head, link="next"):
    """Walk a NULL-terminated list of struct pointers."""
    while int(head):
        yield head
        head = head[link]


def enum_name(v, prefix):
    return str(v).replace(prefix, "").lower()


def processes():
    """Every process: the kernel's (pid 0) and the list in proc/process.c."""
    return [val("&kernel_process")] + list(each(static("proc/process.c", "procs")))


def group(p):
    """The live threads of process p, oldest first (proc/proc.h's list)."""
    return list(each(p["threads"], "group_next"))


def threads():
    """Threads reachable from the processes, the CPU and the scheduler's
    queues (a kernel thread blocked on some other wait queue is not found)."""
    found = {}
    roots = [t for p in processes() for t in group(p)]
    roots += [val("cpu0.current"), val("cpu0.idle")]
    for queue in ("run_head", "sleepers"):
        roots += list(each(static("proc/sched.c", queue)))
    for t in roots:
        if int(t):
            found.setdefault(int(t), t)
    return sorted(found.values(), key=lambda t: int(t["tid"]))


def process_by_pid(pid):
    for p in processes():
        if int(p["pid"]) == pid:
            return p
    raise gdb.GdbError("no process with pid %d" % pid)


def page_directory(p):
    return int(p["vm"]["pd"]) if int(p["vm"]) else None


def current_process():
    return val("cpu0.current->proc")


def in_user_mode():
    return (int(val("$cs")) & RING_MASK) == RING_MASK


def user_trapframe(t):
    """The trapframe thread t saved when it last entered the kernel from
    ring 3: at the top of its kernel stack. None if it never did."""
    tf_type = gdb.lookup_type("struct trapframe")
    addr = int(t["kstack_top"]) - tf_type.sizeof
    tf = gdb.Value(addr).cast(tf_type.pointer()).dereference()
    try:
        if (int(tf["cs"]) & RING_MASK) != RING_MASK or int(tf["eip"]) >= USER_TOP:
            return None
    except gdb.MemoryError:
        return None
    return tf


# --- user programs' symbols ---------------------------------------------

_loaded = None                    # the user symbol file gdb has now


def unstripped(exe):
    """The build/ copy of the program the image runs as exe, or None."""
    name = os.path.basename(exe)
    for d in USER_BUILD_DIRS:
        path = os.path.join(ROOT, d, name)
        if os.path.isfile(path):
            return path
    path = os.path.join(ROOT, ROOTFS_DIR, exe.lstrip("/"))
    return path if os.path.isfile(path) else None


def load_user_symbols(exe):
    """Make exe's symbols the user symbols gdb knows. The file, or None."""
    global _loaded
    path = unstripped(exe)
    if path == _loaded:
        return path
    if _loaded:
        gdb.execute("remove-symbol-file %s" % _loaded, to_string=True)
        _loaded = None
    if path:
        gdb.execute("add-symbol-file %s" % path, to_string=True)
        _loaded = path
    return path


def elf_entry(path):
    """e_entry of a 32-bit ELF file."""
    with open(path, "rb") as f:
        head = f.read(28)
    if head[:4] != b"\x7fELF":
        raise gdb.GdbError("%s is not an ELF file" % path)
    return int.from_bytes(head[24:28], "little")


def exe_of_current():
    return current_process()["exe"].string()


def thread_by_tid(tid):
    for t in threads():
        if int(t["tid"]) == tid and int(t["proc"]) != int(val("&kernel_process")):
            return t
    raise gdb.GdbError("no user thread with tid %d" % tid)


def user_backtrace(t=None):
    """gdb's own backtrace of the user side of thread t (default: the
    current one), using the program's symbols and unwind tables. The
    trapframe t saved on its way into the kernel is put into the (halted)
    CPU for the time of the `bt` and then restored exactly. t's user memory
    must be the one mapped: a thread of the current process (threads share
    its space), or of a process sharing it (vfork)."""
    running = val("cpu0.current")
    t = running if t is None else t
    p = t["proc"]
    exe = p["exe"].string()
    if page_directory(p) != int(val("$cr3")) & ~0xfff:
        raise gdb.GdbError("tid %d's space (pid %d) is not the current one: stop in that "
                           "process first (ubreak, hbreak)" % (int(t["tid"]), int(p["pid"])))
    sym = load_user_symbols(exe)
    head = "pid %d tid %d (%s)%s" % (int(p["pid"]), int(t["tid"]), exe,
                                     "" if sym else ", no symbols found in build/")
    if int(t) == int(running) and in_user_mode():
        return head + ", running in user mode:\n" + gdb.execute("bt", to_string=True)
    tf = user_trapframe(t)
    if tf is None:
        raise gdb.GdbError("thread %d (%s) did not come from user mode"
                           % (int(t["tid"]), t["name"].string()))
    saved = {r: int(val("$" + r)) & 0xffffffff for r, _ in TF_REGS}
    head += ", trapped into the kernel (vector %d) at eip 0x%08x:\n" % (int(tf["vector"]), int(tf["eip"]))
    user = {r: int(tf[f]) for r, f in TF_REGS}
    try:
        for r, v in user.items():
            gdb.execute("set $%s = 0x%x" % (r, v), to_string=True)
        return head + gdb.execute("bt", to_string=True)
    finally:
        for r, v in saved.items():
            gdb.execute("set $%s = 0x%x" % (r, v), to_string=True)


# --- signals ----------------------------------------------------------------

SIGNAL_NAMES = ("HUP INT QUIT ILL TRAP ABRT BUS FPE KILL USR1 SEGV USR2 PIPE ALRM TERM "
                "STKFLT CHLD CONT STOP TSTP TTIN TTOU URG XCPU XFSZ VTALRM PROF WINCH IO "
                "PWR SYS").split()
SIG_DFL, SIG_IGN = 0, 1
SA_FLAGS = ((0x1, "NOCLDSTOP"), (0x2, "NOCLDWAIT"), (0x4, "SIGINFO"), (0x04000000, "RESTORER"),
            (0x08000000, "ONSTACK"), (0x10000000, "RESTART"), (0x40000000, "NODEFER"),
            (0x80000000, "RESETHAND"))


def signal_name(sig):
    if sig <= len(SIGNAL_NAMES):
        return "SIG" + SIGNAL_NAMES[sig - 1]
    return "SIG%d" % sig                  # real-time: glibc's SIGRTMIN is 34


def sigset_names(bits):
    """A kernel_sigset_t (bit sig-1) as signal names, or "-"."""
    names = [signal_name(s) for s in range(1, 65) if bits >> (s - 1) & 1]
    return " ".join(names) if names else "-"


def handler_text(ka):
    h = int(ka["handler"]) & 0xffffffff
    if h == SIG_IGN:
        return "SIG_IGN"
    sym = gdb.execute("info symbol 0x%x" % h, to_string=True).split(" in ")[0].strip()
    return "0x%08x%s" % (h, "" if sym.startswith("No symbol") else " <%s>" % sym.split()[0])


def signal_report(p):
    """Lines for `sigs`: p's handlers (those not SIG_DFL), the pending sets
    and each thread's mask."""
    lines = ["pid %d (%s)%s" % (int(p["pid"]), p["exe"].string(),
                                ", stopped" if int(p["stopped"]) else "")]
    if int(p["pid"]):                     # the handlers' symbols, if the program has them
        try:
            load_user_symbols(p["exe"].string())
        except gdb.error:
            pass
    acts = p["sighand"]["action"]
    shown = 0
    for sig in range(1, 65):
        ka = acts[sig - 1]
        if int(ka["handler"]) == SIG_DFL:
            continue
        flags = int(ka["flags"]) & 0xffffffff
        fl = "|".join(n for b, n in SA_FLAGS if flags & b) or "0"
        lines.append("  %-12s %s  flags %s  mask %s" % (signal_name(sig), handler_text(ka), fl,
                                                       sigset_names(int(ka["mask"]))))
        shown += 1
    if not shown:
        lines.append("  handlers: all SIG_DFL")
    lines.append("  pending (process): %s" % sigset_names(int(p["sig_pending"]["set"])))
    for t in threads():
        if int(t["proc"]) != int(p):
            continue
        lines.append("  tid %d: blocked %s; pending %s" % (
            int(t["tid"]), sigset_names(int(t["sig_blocked"])),
            sigset_names(int(t["sig_pending"]["set"]))))
    return lines
