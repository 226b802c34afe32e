"""fault.py - gdb session that catches a user page fault, started by
`make debug PROG=/tests/bin/kwrite` (which writes to 0xC0000000 from
ring 3): a breakpoint on the fault handler, CR2 and the error code, and
the user backtrace from the trapframe (docs/debugging.md, "Page faults").
"""
import os
import sys

sys.dont_write_bytecode = True    # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tap import cmd, expect, find, function_name, reg, run  # noqa: E402

FAULT_ADDR = 0xC0000000                 # what kwrite writes to
PF_WRITE, PF_USER = 2, 4               # page-fault error code bits


def caught():
    cmd("hbreak page_fault if $cr2 == 0x%x" % FAULT_ADDR)
    cmd("continue")
    cmd("delete")
    expect(function_name() == "page_fault", "stopped in %r" % function_name())
    expect(reg("cr2") == FAULT_ADDR, "cr2 is 0x%x" % reg("cr2"))
    err = int(cmd("output tf->error").strip() or -1)
    # Not present: the kernel keeps nothing of the boot window mapped at
    # 0xC0000000 (mm/kimage.c), so the page is absent, not just forbidden.
    want = PF_WRITE | PF_USER
    expect(err == want, "error code %d, expected %d (not present, write, user)" % (err, want))


def bt_user_main():
    out = cmd("bt-user")
    find(r"trapped into the kernel \(vector 14\)", out, "not seen as a page fault")
    find(r"^#0 .*\bmain \(.*kwrite\.c", out, "frame #0 is not kwrite's main")


run([
    ("hbreak page_fault if $cr2 == ...: stops with CR2 and error 6", caught),
    ("bt-user from the page fault names kwrite's main", bt_user_main),
])
