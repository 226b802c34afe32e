/*
 * rtc.h - the CMOS real-time clock, read once at boot for the wall time.
 */
#ifndef DRIVERS_RTC_H
#define DRIVERS_RTC_H

#include <stdbool.h>
#include <stdint.h>

/* Seconds since 1970-01-01 00:00:00 UTC (the RTC is taken to be UTC). */
uint64_t rtc_read_epoch(void);

#endif
