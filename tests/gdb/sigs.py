"""sigs.py - gdb session in /tests/bin/sigs_state (tools/debug.sh): stop it
in its write(2), once its handlers, mask and pending signal are set, and
check what `sigs` and `sigs PID` print.
"""
import os
import sys

sys.dont_write_bytecode = True    # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tap import cmd, expect, find, run, stop_in  # noqa: E402
import tern_proc  # noqa: E402

state = {}


def in_write():
    stop_in("sys_write")
    state["pid"] = int(tern_proc.current_process()["pid"])


def handlers_shown():
    out = cmd("sigs")
    find(r"^pid %d \(/tests/bin/sigs_state\)" % state.get("pid", -1), out, "no header")
    find(r"^\s+SIGUSR1\s+0x[0-9a-f]{8} <on_usr1>\s+flags SIGINFO\|RESTORER\|RESTART\s+mask SIGTERM$",
         out, "SIGUSR1's handler, flags or mask missing")
    find(r"^\s+SIGPIPE\s+SIG_IGN\b", out, "SIGPIPE is not shown ignored")
    expect("SIGINT " not in out, "a SIG_DFL signal is listed\n" + out)


def masks_shown():
    out = cmd("sigs %d" % state.get("pid", -1))
    find(r"^\s+tid %d: blocked SIGUSR2 SIG35; pending -$" % state.get("pid", -1), out,
         "the thread's mask is wrong")
    find(r"^\s+pending \(process\): SIGUSR2$", out, "SIGUSR2 is not pending for the process")


def kernel_has_none():
    out = cmd("sigs 0")
    find(r"^pid 0 \(kernel\)", out, "no kernel header")
    find(r"handlers: all SIG_DFL", out, "the kernel has handlers?")


run([
    ("hbreak on sys_write stops sigs_state once its signal state is set", in_write),
    ("sigs: the handler (symbol, flags, mask) and the ignored signal", handlers_shown),
    ("sigs PID: the thread's blocked mask and the process's pending set", masks_shown),
    ("sigs 0: the kernel process has no handlers", kernel_has_none),
])
