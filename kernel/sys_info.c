/*
 * sys_info.c - what the system says about itself: uname, random bytes
 * (resource limits are proc/sys_rlimit.c's).
 */
#include "gen/syscalls.h"
#include "kernel/hostname.h"
#include "kernel/random.h"
#include "kernel/time.h"
#include "kernel/x86.h"
#include "mm/frame.h"
#include "mm/layout.h"
#include "kernel/string.h"
#include "kernel/version.h"
#include "mm/usercopy.h"
#include "proc/proc.h"
#include "uapi/errno.h"
#include "uapi/random.h"
#include "uapi/sysinfo.h"
#include "uapi/utsname.h"

#define UTS_LEN        (NEW_UTS_LEN + 1)
#define GRND_FLAGS     (GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE)
#define GETRANDOM_MAX  (32u * 1024 * 1024)   /* Linux's cap on one call */

long sys_uname(user_ptr_t name)
{
	struct new_utsname u;
	memset(&u, 0, sizeof(u));
	strlcpy(u.sysname, KERNEL_NAME, UTS_LEN);
	hostname_get(u.nodename, UTS_LEN);
	strlcpy(u.release, KERNEL_RELEASE, UTS_LEN);  /* glibc checks >= 3.2 */
	strlcpy(u.version, "#1 " KERNEL_NAME " " KERNEL_VERSION, UTS_LEN);
	strlcpy(u.machine, "i686", UTS_LEN);
	strlcpy(u.domainname, "(none)", UTS_LEN);
	return copy_to_user(name, &u, sizeof(u));
}

static void count_process(struct process *p, void *arg)
{
	(void)p;
	(*(uint32_t *)arg)++;
}

/* sysinfo: memory in bytes (mem_unit 1, as Linux when it fits 32 bits),
 * the same counts /proc/meminfo shows; no load average is kept yet. */
long sys_sysinfo(user_ptr_t info)
{
	struct sysinfo s;
	struct frame_stats st;
	uint32_t procs = 0;
	memset(&s, 0, sizeof(s));
	frame_get_stats(&st);
	uint32_t fl = irq_save();
	process_for_each(count_process, &procs);
	irq_restore(fl);
	s.uptime = (int32_t)(time_monotonic_ns() / NSEC_PER_SEC);
	s.totalram = st.total * PAGE_SIZE;
	s.freeram = st.free * PAGE_SIZE;
	s.procs = (uint16_t)procs;
	s.mem_unit = 1;
	return copy_to_user(info, &s, sizeof(s));
}

long sys_getrandom(user_ptr_t ubuf, size_t len, unsigned int flags)
{
	uint8_t buf[256];
	if (flags & ~GRND_FLAGS)
		return -EINVAL;
	if (len > GETRANDOM_MAX)
		len = GETRANDOM_MAX;
	if (!user_range_ok(ubuf.addr, len))
		return -EFAULT;
	for (uint32_t done = 0; done < len; ) {
		uint32_t n = len - done < sizeof(buf) ? len - done : sizeof(buf);
		random_bytes(buf, n);
		if (copy_to_user(user_ptr_add(ubuf, done), buf, n))
			return done ? (long)done : -EFAULT;
		done += n;
	}
	return len;
}
