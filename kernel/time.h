/*
 * time.h - kernel clocks: CLOCK_MONOTONIC counts timer ticks since boot;
 * CLOCK_REALTIME adds the RTC's reading at boot.
 */
#ifndef KERNEL_TIME_H
#define KERNEL_TIME_H

#include <stdint.h>

#define NSEC_PER_SEC 1000000000ull

void time_init(void);
uint64_t time_monotonic_ns(void);
uint64_t time_realtime_ns(void);
uint64_t time_boot_epoch(void);

#endif
