/*
 * time.c - the clocks behind clock_gettime and friends (see time.h).
 */
#include "kernel/time.h"
#include "drivers/pit.h"
#include "drivers/rtc.h"

static uint64_t boot_epoch;

void time_init(void)
{
	boot_epoch = rtc_read_epoch();
}

uint64_t time_boot_epoch(void) { return boot_epoch; }

uint64_t time_monotonic_ns(void)
{
	return pit_ticks() * (NSEC_PER_SEC / PIT_HZ);
}

uint64_t time_realtime_ns(void)
{
	return boot_epoch * NSEC_PER_SEC + time_monotonic_ns();
}
