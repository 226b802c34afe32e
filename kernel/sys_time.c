/*
 * sys_time.c - time system calls, in both the 32-bit time_t forms and the
 * *_time64 forms that glibc 2.34+ tries first on i386.
 */
#include "kernel/time.h"
#include "kernel/errno.h"
#include "drivers/pit.h"
#include "mm/usercopy.h"
#include "proc/proc.h"

#define CLOCK_REALTIME           0
#define CLOCK_MONOTONIC          1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID  3
#define CLOCK_MONOTONIC_RAW      4
#define CLOCK_REALTIME_COARSE    5
#define CLOCK_MONOTONIC_COARSE   6
#define CLOCK_BOOTTIME           7
#define TIMER_ABSTIME            1
#define NSEC_PER_TICK            (NSEC_PER_SEC / PIT_HZ)

struct timespec32 { int32_t tv_sec, tv_nsec; };
struct timespec64 { int64_t tv_sec; int32_t tv_nsec, pad; };
struct timeval32 { int32_t tv_sec, tv_usec; };

static int clock_ns(uint32_t clk, uint64_t *ns)
{
	switch (clk) {
	case CLOCK_REALTIME: case CLOCK_REALTIME_COARSE:
		*ns = time_realtime_ns();
		return 0;
	case CLOCK_MONOTONIC: case CLOCK_MONOTONIC_RAW: case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME: case CLOCK_PROCESS_CPUTIME_ID: case CLOCK_THREAD_CPUTIME_ID:
		*ns = time_monotonic_ns();       /* CPU time approximated by wall time for now */
		return 0;
	default:
		return -EINVAL;
	}
}

long sys_time(uint32_t ut)
{
	int32_t t = (int32_t)(time_realtime_ns() / NSEC_PER_SEC);
	if (ut && copy_to_user(ut, &t, sizeof(t)))
		return -EFAULT;
	return t;
}

long sys_gettimeofday(uint32_t utv, uint32_t utz)
{
	uint64_t ns = time_realtime_ns();
	struct timeval32 tv = { (int32_t)(ns / NSEC_PER_SEC), (int32_t)(ns % NSEC_PER_SEC / 1000) };
	int32_t tz[2] = { 0, 0 };
	if (utv && copy_to_user(utv, &tv, sizeof(tv)))
		return -EFAULT;
	if (utz && copy_to_user(utz, tz, sizeof(tz)))
		return -EFAULT;
	return 0;
}

static long put_ts(uint32_t uts, uint64_t ns, bool wide)
{
	if (wide) {
		struct timespec64 t = { (int64_t)(ns / NSEC_PER_SEC), (int32_t)(ns % NSEC_PER_SEC), 0 };
		return copy_to_user(uts, &t, sizeof(t));
	}
	struct timespec32 t = { (int32_t)(ns / NSEC_PER_SEC), (int32_t)(ns % NSEC_PER_SEC) };
	return copy_to_user(uts, &t, sizeof(t));
}

static long get_ts(uint32_t uts, uint64_t *ns, bool wide)
{
	int64_t sec;
	int32_t nsec;
	if (wide) {
		struct timespec64 t;
		if (copy_from_user(&t, uts, sizeof(t)))
			return -EFAULT;
		sec = t.tv_sec, nsec = t.tv_nsec;
	} else {
		struct timespec32 t;
		if (copy_from_user(&t, uts, sizeof(t)))
			return -EFAULT;
		sec = t.tv_sec, nsec = t.tv_nsec;
	}
	if (sec < 0 || nsec < 0 || (uint32_t)nsec >= NSEC_PER_SEC)
		return -EINVAL;
	*ns = (uint64_t)sec * NSEC_PER_SEC + (uint32_t)nsec;
	return 0;
}

static long clock_gettime_any(uint32_t clk, uint32_t uts, bool wide)
{
	uint64_t ns;
	int err = clock_ns(clk, &ns);
	return err ? err : put_ts(uts, ns, wide);
}

long sys_clock_gettime(uint32_t clk, uint32_t uts) { return clock_gettime_any(clk, uts, false); }
long sys_clock_gettime64(uint32_t clk, uint32_t uts) { return clock_gettime_any(clk, uts, true); }

static long clock_getres_any(uint32_t clk, uint32_t uts, bool wide)
{
	uint64_t ns;
	int err = clock_ns(clk, &ns);
	if (err || !uts)
		return err;
	return put_ts(uts, NSEC_PER_TICK, wide);
}

long sys_clock_getres(uint32_t clk, uint32_t uts) { return clock_getres_any(clk, uts, false); }
long sys_clock_getres64(uint32_t clk, uint32_t uts) { return clock_getres_any(clk, uts, true); }

/* Sleep until the clock passes the deadline (ticks round up: never early). */
static long sleep_ns(uint32_t clk, uint32_t flags, uint64_t req)
{
	uint64_t now;
	int err = clock_ns(clk, &now);
	if (err)
		return err;
	uint64_t delta = (flags & TIMER_ABSTIME) ? (req > now ? req - now : 0) : req;
	if (delta)
		sleep_ticks((delta + NSEC_PER_TICK - 1) / NSEC_PER_TICK + 1);
	return 0;
}

static long nanosleep_any(uint32_t clk, uint32_t flags, uint32_t ureq, bool wide)
{
	uint64_t req;
	long err = get_ts(ureq, &req, wide);
	return err ? err : sleep_ns(clk, flags, req);
}

long sys_nanosleep(uint32_t ureq, uint32_t urem)
{
	(void)urem;                          /* never interrupted yet: nothing remains */
	return nanosleep_any(CLOCK_MONOTONIC, 0, ureq, false);
}

long sys_clock_nanosleep(uint32_t clk, uint32_t flags, uint32_t ureq, uint32_t urem)
{
	(void)urem;
	return nanosleep_any(clk, flags, ureq, false);
}

long sys_clock_nanosleep64(uint32_t clk, uint32_t flags, uint32_t ureq, uint32_t urem)
{
	(void)urem;
	return nanosleep_any(clk, flags, ureq, true);
}
