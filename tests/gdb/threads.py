"""threads.py - gdb session in a process of three threads, started by
`make debug PROG=/tests/bin/gdb_threads`: stopped in the main thread's
write(2) while the two others sleep in the kernel (a futex and nanosleep),
`threads` lists all three and `bt-user TID` unwinds each sleeper's user
stack from its own trapframe.
"""
import os
import re
import sys

sys.dont_write_bytecode = True    # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tap import cmd, expect, find, function_name, reg, run, stop_in  # noqa: E402

REGS = ("eip", "esp", "ebp", "eax", "ebx", "ecx", "edx", "esi", "edi")
state = {}


def in_write():
    stop_in("sys_write")


def threads_lists():
    out = cmd("threads")
    m = find(r"^pid (\d+) \(/tests/bin/gdb_threads\): 3 thread\(s\)$", out, "not 3 threads")
    pid = int(m.group(1))
    find(r"^\* +%dL running " % pid, out, "the leader is not the running one")
    sleepers = re.findall(r"^  +(\d+)  sleeping +0x[0-9a-f]{8} ", out, re.M)
    expect(len(sleepers) == 2, "sleeping threads with a user eip: %s" % sleepers)
    state["tids"] = [int(t) for t in sleepers]
    find(r"timer at tick", out, "the nanosleep thread's timer is not shown")
    find(r"^pid %d .*3 thread" % pid, cmd("threads %d" % pid), "threads PID differs")


def bt_user_sleepers():
    state["before"] = {r: reg(r) for r in REGS}
    seen = []
    for tid in state.get("tids", []):
        out = cmd("bt-user %d" % tid)
        find(r"^pid \d+ tid %d .*trapped into the kernel \(vector 128\)" % tid, out,
             "tid %d not seen as in a system call" % tid)
        seen += [fn for fn in ("in_cond_wait", "in_nanosleep") if re.search(r"\b%s \(" % fn, out)]
    expect(sorted(seen) == ["in_cond_wait", "in_nanosleep"], "frames found: %s" % seen)
    expect(state["before"] == {r: reg(r) for r in REGS}, "registers changed")
    expect(function_name() == "sys_write", "the selected frame is %r" % function_name())


def bt_user_current():
    out = cmd("bt-user")
    find(r"\bmain \(", out, "the current thread's bt-user has no main")


run([
    ("hbreak on sys_write stops in the main thread", in_write),
    ("threads lists the leader running and two sleepers (futex, timer)", threads_lists),
    ("bt-user TID unwinds each sleeping thread to its function", bt_user_sleepers),
    ("bt-user without TID is still the running thread's", bt_user_current),
])
