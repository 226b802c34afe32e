/*
 * time.h - clock ids and time structures (Linux: linux/time.h,
 * linux/time_types.h). i386 has two forms of each call: the old one with
 * 32-bit seconds and the *_time64 one that glibc 2.34+ tries first.
 */
#ifndef UAPI_TIME_H
#define UAPI_TIME_H

#include <stdint.h>

#define CLOCK_REALTIME           0
#define CLOCK_MONOTONIC          1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID  3
#define CLOCK_MONOTONIC_RAW      4
#define CLOCK_REALTIME_COARSE    5
#define CLOCK_MONOTONIC_COARSE   6
#define CLOCK_BOOTTIME           7
#define TIMER_ABSTIME            1

struct old_timespec32 { int32_t tv_sec, tv_nsec; };
/* tv_nsec is a 64-bit field; a 32-bit process's upper half is padding. */
struct __kernel_timespec { int64_t tv_sec; int32_t tv_nsec, pad; };
struct old_timeval32 { int32_t tv_sec, tv_usec; };
struct timezone { int32_t tz_minuteswest, tz_dsttime; };

_Static_assert(sizeof(struct __kernel_timespec) == 16, "__kernel_timespec is 16 bytes");

/* setitimer/getitimer (linux/time.h; i386's struct old_itimerval32) */
#define ITIMER_REAL    0
#define ITIMER_VIRTUAL 1
#define ITIMER_PROF    2
struct itimerval32 { struct old_timeval32 it_interval, it_value; };

/* times() (linux/times.h): clock_t is a 32-bit long on i386, in USER_HZ */
struct tms32 { int32_t tms_utime, tms_stime, tms_cutime, tms_cstime; };

/* timer_create's struct sigevent (asm-generic/siginfo.h), 64 bytes on i386 */
#define SIGEV_SIGNAL    0
#define SIGEV_NONE      1
#define SIGEV_THREAD    2
#define SIGEV_THREAD_ID 4
struct sigevent32 {
	uint32_t value;                   /* sigev_value */
	int32_t signo, notify;
	int32_t pad[13];                  /* the union: _tid for SIGEV_THREAD_ID */
};
_Static_assert(sizeof(struct sigevent32) == 64, "i386 struct sigevent");

#endif
