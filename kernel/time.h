/*
 * time.h - kernel clocks: CLOCK_MONOTONIC counts timer ticks since boot;
 * CLOCK_REALTIME adds the RTC's reading at boot.
 */
#ifndef KERNEL_TIME_H
#define KERNEL_TIME_H

#include "mm/usercopy.h"
#include <stdbool.h>
#include <stdint.h>

#define NSEC_PER_SEC 1000000000ull

void time_init(void);
uint64_t time_monotonic_ns(void);
uint64_t time_realtime_ns(void);
uint64_t time_boot_epoch(void);

/* A timespec from or to user space, as ns: the old 32-bit form or, if
 * wide, __kernel_timespec. from: 0, -EFAULT or -EINVAL (a negative or
 * out-of-range field); to: 0 or non-zero when the copy faulted. */
long timespec_from_user(user_ptr_t uts, uint64_t *ns, bool wide);
long timespec_to_user(user_ptr_t uts, uint64_t ns, bool wide);
/* ns as timer ticks, rounded up: a timeout never ends early. */
uint64_t time_ns_to_ticks(uint64_t ns);

#endif
