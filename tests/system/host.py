"""host.py - run a test's oracle program on the host (tests/user/host_run.sh:
natively, or under qemu-i386 where the host has no i386), bounded in time.

A run still going after its timeout hangs: it is stopped, all of it, and
the caller fails that one check by name and goes on. (subprocess.run's
timeout raised out of the whole layer, and killed only the direct child:
the program and its children went on running.)
"""
import os
import signal
import subprocess

from qemu import ROOT, TIMEOUT_SCALE

HOST_RUN = os.path.join(ROOT, "tests", "user", "host_run.sh")

# Under qemu-user on a loaded two-core machine a user test's host run takes
# 2 s (median), the slowest 11 s at worst ("stress 10 3"; 10 passes over
# tests/user/list); scaled like the boots' timeouts (TEST_TIMEOUT_SCALE,
# default 3): 120 s.
HOST_TIMEOUT = 40 * TIMEOUT_SCALE


def run_on_host(cmd, timeout=HOST_TIMEOUT, stderr=subprocess.DEVNULL):
    """cmd's stdout (stderr as given), or None when it outlived timeout. It
    runs in a session of its own: on a timeout its whole process group is
    killed, not just the shell."""
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=stderr,
                         stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        out, _ = p.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        p.stdout.close()
        p.wait()
        return None
    return out.decode(errors="replace")
