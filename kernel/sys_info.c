/*
 * sys_info.c - what the system says about itself: uname, resource limits,
 * random bytes.
 */
#include "kernel/sys_info.h"
#include "kernel/errno.h"
#include "kernel/random.h"
#include "kernel/string.h"
#include "kernel/version.h"
#include "mm/usercopy.h"
#include "mm/uvm.h"
#include "proc/proc.h"

#define UTS_LEN        65
#define RLIMIT_STACK   3
#define RLIMIT_NOFILE  7
#define RLIMIT_NLIMITS 16
#define RLIM_INFINITY  0xffffffffu
#define RLIM64_INFINITY 0xffffffffffffffffull
#define GRND_FLAGS     0x7               /* NONBLOCK | RANDOM | INSECURE */
#define GETRANDOM_MAX  (32u * 1024 * 1024)

struct new_utsname {
	char sysname[UTS_LEN], nodename[UTS_LEN], release[UTS_LEN];
	char version[UTS_LEN], machine[UTS_LEN], domainname[UTS_LEN];
};

long sys_uname(uint32_t ubuf)
{
	struct new_utsname u;
	memset(&u, 0, sizeof(u));
	strlcpy(u.sysname, KERNEL_NAME, UTS_LEN);
	strlcpy(u.nodename, "tern", UTS_LEN);
	strlcpy(u.release, "6.1.0-" KERNEL_NAME "-" KERNEL_VERSION, UTS_LEN);  /* glibc checks >= 3.2 */
	strlcpy(u.version, "#1 " KERNEL_NAME " " KERNEL_VERSION, UTS_LEN);
	strlcpy(u.machine, "i686", UTS_LEN);
	strlcpy(u.domainname, "(none)", UTS_LEN);
	return copy_to_user(ubuf, &u, sizeof(u));
}

/* The limits every process has (no setrlimit yet). */
static void limit_of(uint32_t res, uint64_t *cur, uint64_t *max)
{
	*cur = *max = RLIM64_INFINITY;
	if (res == RLIMIT_STACK)
		*cur = USER_STACK_MAX;
	else if (res == RLIMIT_NOFILE)
		*cur = *max = 32;
}

long sys_ugetrlimit(uint32_t res, uint32_t urlim)
{
	uint64_t cur, max;
	if (res >= RLIMIT_NLIMITS)
		return -EINVAL;
	limit_of(res, &cur, &max);
	uint32_t r[2] = { cur > RLIM_INFINITY ? RLIM_INFINITY : (uint32_t)cur,
			  max > RLIM_INFINITY ? RLIM_INFINITY : (uint32_t)max };
	return copy_to_user(urlim, r, sizeof(r));
}

long sys_prlimit64(uint32_t pid, uint32_t res, uint32_t unew, uint32_t uold)
{
	uint64_t cur, max;
	if (pid != 0 && (int)pid != current_process()->pid)
		return -ESRCH;
	if (res >= RLIMIT_NLIMITS)
		return -EINVAL;
	if (unew)
		return -EPERM;                   /* limits are fixed for now */
	limit_of(res, &cur, &max);
	uint64_t r[2] = { cur, max };
	return uold ? copy_to_user(uold, r, sizeof(r)) : 0;
}

long sys_getrandom(uint32_t ubuf, uint32_t len, uint32_t flags)
{
	uint8_t buf[256];
	if (flags & ~GRND_FLAGS)
		return -EINVAL;
	if (len > GETRANDOM_MAX)
		len = GETRANDOM_MAX;
	if (!user_range_ok(ubuf, len))
		return -EFAULT;
	for (uint32_t done = 0; done < len; ) {
		uint32_t n = len - done < sizeof(buf) ? len - done : sizeof(buf);
		random_bytes(buf, n);
		if (copy_to_user(ubuf + done, buf, n))
			return done ? (long)done : -EFAULT;
		done += n;
	}
	return len;
}
