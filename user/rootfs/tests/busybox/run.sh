#!/bin/sh
# run.sh - the guest's side of the busybox suite (init=/tests/busybox/run.sh
# exit=debug): the suite in a session of its own with the console as its
# controlling terminal, as the host runs it under a pseudo-terminal.
#
# Around it, the free-frame count (MemFree, which is free frames x 4 KiB):
# once the suite's processes are gone and its scratch directory removed,
# every frame it took must be free again. The first run is a warm-up, its
# output dropped: the kernel's heap keeps the few pages it grew by (3 when
# this was written), which is not a leak. The count is read by the shell's
# own builtins (no fork between the two readings) and every variable exists
# before the first, so this shell's own memory is the same at both.
free_kb() {
	kb=0
	while read -r key value unit; do
		[ "$key" = MemFree: ] && kb=$value
	done < /proc/meminfo
}
suite() {
	mkdir -p /tmp/suite && setsid -c sh suite.sh /tmp/suite
	status=$?
	rm -r /tmp/suite
}
kb=0 before=0 status=0
cd /tests/busybox
suite > /dev/null
free_kb; before=$kb
suite
free_kb
echo "free frames: before $((before / 4)), after $((kb / 4))"
exit $status
