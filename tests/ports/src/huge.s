# huge.s - one GiB of data, more than the guest's memory: GNU as writes
# it out 256 bytes at a time (it needs no more memory than that), so
# the object it makes outgrows whatever file system holds it, and as
# ends with its own "No space left on device" (tests/ports/steps.sh).
        .data
        .skip 0x40000000, 0x55
