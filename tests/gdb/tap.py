"""tap.py - the little harness of the gdb sessions (loaded inside gdb).

A session script lists its checks as (name, function) pairs and calls
run(): it prints "plan N" first, then "ok - gdb: NAME" or "not ok - gdb:
NAME" with the reason as "#" lines. A check fails by raising; run.sh counts
the lines against the plan, so a session that dies early still fails.
"""
import os
import re
import sys

import gdb

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools", "gdb"))
import tern_mem  # noqa: E402


def cmd(line):
    """Run a gdb command; its output as a string."""
    return gdb.execute(line, to_string=True)


def reg(name):
    return tern_mem.reg(name)


def addr(expr):
    return tern_mem.address(expr)


def expect(cond, why):
    if not cond:
        raise AssertionError(why)


def find(pattern, text, why):
    """The first match of pattern (multi-line) in text, or fail with why."""
    m = re.search(pattern, text, re.M)
    expect(m, "%s\n%s" % (why, text))
    return m


def function_name():
    f = gdb.selected_frame()
    return f.name() or ""


def stop_in(function):
    """Continue to the first call of the kernel's FUNCTION (a hardware
    breakpoint, removed once hit) and check that is where it stopped."""
    cmd("hbreak " + function)
    cmd("continue")
    cmd("delete")
    expect(function_name() == function, "stopped in %r" % function_name())


def run(checks):
    print("plan %d" % len(checks))
    for name, fn in checks:
        try:
            fn()
            print("ok - gdb: " + name)
        except Exception as e:            # noqa: BLE001 - every failure is a report
            print("not ok - gdb: " + name)
            for line in str(e).splitlines()[-12:]:
                print("#   " + line)
        sys.stdout.flush()
