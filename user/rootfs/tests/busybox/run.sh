#!/bin/sh
# run.sh - the guest's side of the busybox suite (init=/tests/busybox/run.sh
# exit=debug): the suite in a session of its own with the console as its
# controlling terminal, as the host runs it under a pseudo-terminal.
mkdir -p /tmp/suite && cd /tests/busybox && exec setsid -c sh suite.sh /tmp/suite
