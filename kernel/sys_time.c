/*
 * sys_time.c - time system calls, in both the 32-bit time_t forms and the
 * *_time64 forms that glibc 2.34+ tries first on i386.
 */
#include "gen/syscalls.h"
#include "kernel/time.h"
#include "drivers/pit.h"
#include "mm/usercopy.h"
#include "proc/proc.h"
#include "uapi/errno.h"
#include "uapi/time.h"

#define NSEC_PER_TICK            (NSEC_PER_SEC / PIT_HZ)
#define NSEC_PER_USEC            1000

static int clock_ns(int clk, uint64_t *ns)
{
	switch (clk) {
	case CLOCK_REALTIME: case CLOCK_REALTIME_COARSE:
		*ns = time_realtime_ns();
		return 0;
	case CLOCK_MONOTONIC: case CLOCK_MONOTONIC_RAW: case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
		*ns = time_monotonic_ns();
		return 0;
	case CLOCK_PROCESS_CPUTIME_ID: case CLOCK_THREAD_CPUTIME_ID:
		*ns = proc_cputime_ns(clk == CLOCK_THREAD_CPUTIME_ID);   /* whole ticks */
		return 0;
	default:
		return -EINVAL;
	}
}

uint64_t time_ns_to_ticks(uint64_t ns)
{
	return (ns + NSEC_PER_TICK - 1) / NSEC_PER_TICK;
}

long sys_time(user_ptr_t tloc)
{
	int32_t t = (int32_t)(time_realtime_ns() / NSEC_PER_SEC);
	if (!user_ptr_null(tloc) && copy_to_user(tloc, &t, sizeof(t)))
		return -EFAULT;
	return t;
}

long sys_gettimeofday(user_ptr_t tv, user_ptr_t tz)
{
	uint64_t ns = time_realtime_ns();
	struct old_timeval32 v = { (int32_t)(ns / NSEC_PER_SEC), (int32_t)(ns % NSEC_PER_SEC / NSEC_PER_USEC) };
	struct timezone z = { 0, 0 };
	if (!user_ptr_null(tv) && copy_to_user(tv, &v, sizeof(v)))
		return -EFAULT;
	if (!user_ptr_null(tz) && copy_to_user(tz, &z, sizeof(z)))
		return -EFAULT;
	return 0;
}

long timespec_to_user(user_ptr_t uts, uint64_t ns, bool wide)
{
	if (wide) {
		struct __kernel_timespec t = { (int64_t)(ns / NSEC_PER_SEC), (int32_t)(ns % NSEC_PER_SEC), 0 };
		return copy_to_user(uts, &t, sizeof(t));
	}
	struct old_timespec32 t = { (int32_t)(ns / NSEC_PER_SEC), (int32_t)(ns % NSEC_PER_SEC) };
	return copy_to_user(uts, &t, sizeof(t));
}

long timespec_from_user(user_ptr_t uts, uint64_t *ns, bool wide)
{
	int64_t sec;
	int32_t nsec;
	if (wide) {
		struct __kernel_timespec t;
		if (copy_from_user(&t, uts, sizeof(t)))
			return -EFAULT;
		sec = t.tv_sec, nsec = t.tv_nsec;
	} else {
		struct old_timespec32 t;
		if (copy_from_user(&t, uts, sizeof(t)))
			return -EFAULT;
		sec = t.tv_sec, nsec = t.tv_nsec;
	}
	if (sec < 0 || nsec < 0 || (uint32_t)nsec >= NSEC_PER_SEC)
		return -EINVAL;
	*ns = (uint64_t)sec * NSEC_PER_SEC + (uint32_t)nsec;
	return 0;
}

static long clock_gettime_any(int clk, user_ptr_t uts, bool wide)
{
	uint64_t ns;
	int err = clock_ns(clk, &ns);
	return err ? err : timespec_to_user(uts, ns, wide);
}

long sys_clock_gettime(int which_clock, user_ptr_t tp) { return clock_gettime_any(which_clock, tp, false); }
long sys_clock_gettime64(int which_clock, user_ptr_t tp) { return clock_gettime_any(which_clock, tp, true); }

static long clock_getres_any(int clk, user_ptr_t uts, bool wide)
{
	uint64_t ns;
	int err = clock_ns(clk, &ns);
	if (err || user_ptr_null(uts))
		return err;
	return timespec_to_user(uts, NSEC_PER_TICK, wide);
}

long sys_clock_getres(int which_clock, user_ptr_t tp) { return clock_getres_any(which_clock, tp, false); }
long sys_clock_getres64(int which_clock, user_ptr_t tp) { return clock_getres_any(which_clock, tp, true); }

/* Sleep until the clock passes the deadline (ticks round up: never early),
 * or a signal comes: then the time left goes to *rmtp (relative sleeps
 * with one) and the call is cut short with EINTR if a handler runs
 * (ERESTARTNOHAND; Linux's restart block, which would resume with the time
 * left when no handler runs, is not there yet: such a call starts over). */
static long sleep_ns(int clk, int flags, uint64_t req, user_ptr_t rmtp, bool wide)
{
	uint64_t now;
	int err = clock_ns(clk, &now);
	if (err)
		return err;
	uint64_t delta = (flags & TIMER_ABSTIME) ? (req > now ? req - now : 0) : req;
	if (!delta || sleep_ticks_intr(time_ns_to_ticks(delta) + 1))
		return 0;
	uint64_t later = now;
	clock_ns(clk, &later);
	uint64_t left = later - now < delta ? delta - (later - now) : 0;
	if (!(flags & TIMER_ABSTIME) && !user_ptr_null(rmtp) && timespec_to_user(rmtp, left, wide))
		return -EFAULT;
	return -ERESTARTNOHAND;
}

static long nanosleep_any(int clk, int flags, user_ptr_t ureq, user_ptr_t rmtp, bool wide)
{
	uint64_t req;
	long err = timespec_from_user(ureq, &req, wide);
	return err ? err : sleep_ns(clk, flags, req, rmtp, wide);
}

long sys_nanosleep(user_ptr_t rqtp, user_ptr_t rmtp)
{
	return nanosleep_any(CLOCK_MONOTONIC, 0, rqtp, rmtp, false);
}

long sys_clock_nanosleep(int which_clock, int flags, user_ptr_t rqtp, user_ptr_t rmtp)
{
	return nanosleep_any(which_clock, flags, rqtp, rmtp, false);
}

long sys_clock_nanosleep64(int which_clock, int flags, user_ptr_t rqtp, user_ptr_t rmtp)
{
	return nanosleep_any(which_clock, flags, rqtp, rmtp, true);
}
