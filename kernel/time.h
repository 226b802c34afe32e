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

/* System calls (kernel/sys_time.c). */
long sys_time(uint32_t ut);
long sys_gettimeofday(uint32_t utv, uint32_t utz);
long sys_clock_gettime(uint32_t clk, uint32_t uts);
long sys_clock_gettime64(uint32_t clk, uint32_t uts);
long sys_clock_getres(uint32_t clk, uint32_t uts);
long sys_clock_getres64(uint32_t clk, uint32_t uts);
long sys_nanosleep(uint32_t ureq, uint32_t urem);
long sys_clock_nanosleep(uint32_t clk, uint32_t flags, uint32_t ureq, uint32_t urem);
long sys_clock_nanosleep64(uint32_t clk, uint32_t flags, uint32_t ureq, uint32_t urem);

#endif
