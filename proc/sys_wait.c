/*
 * sys_wait.c - wait4, waitpid and waitid: reap a child, or hear of its
 * stop or continue (proc_wait_opts in proc/process.c), and report it to
 * user space as Linux does (kernel/exit.c): wait4's status word, waitid's
 * siginfo (all zero when WNOHANG finds nothing).
 */
#include "proc/thread_internal.h"
#include "gen/syscalls.h"
#include "kernel/string.h"
#include "mm/usercopy.h"
#include "uapi/errno.h"
#include "uapi/resource.h"
#include "uapi/signal.h"
#include "uapi/wait.h"

#define WAIT_KERNEL_FLAGS (__WNOTHREAD | __WCLONE | __WALL)
#define WAIT4_OPTIONS     (WNOHANG | WUNTRACED | WCONTINUED | WAIT_KERNEL_FLAGS)
#define WAITID_OPTIONS    (WNOHANG | WNOWAIT | WEXITED | WSTOPPED | WCONTINUED | WAIT_KERNEL_FLAGS)
#define WAITID_EVENTS     (WEXITED | WSTOPPED | WCONTINUED)
#define WAIT_ANY          (-1)

/* The usage of the child reported: its own and its reaped children's. */
static int rusage_out(user_ptr_t ru, const struct wait_result *r)
{
	if (user_ptr_null(ru))
		return 0;
	struct rusage u;
	memset(&u, 0, sizeof(u));
	timer_rusage_times(&u, r->utime, r->stime);
	u.ru_minflt = (int32_t)r->min_flt;
	return copy_to_user(ru, &u, sizeof(u)) ? -EFAULT : 0;
}

long sys_wait4(int pid, user_ptr_t stat_addr, int options, user_ptr_t ru)
{
	if (options & ~WAIT4_OPTIONS)
		return -EINVAL;
	if (pid == INT32_MIN)
		return -ESRCH;                    /* -pid would overflow (Linux) */
	struct wait_result r;
	int got = pid > 0 ? proc_wait_opts(P_PID, pid, options | WEXITED, &r)
		: pid == WAIT_ANY ? proc_wait_opts(P_ALL, 0, options | WEXITED, &r)
		: proc_wait_opts(P_PGID, -pid, options | WEXITED, &r);
	if (got <= 0)
		return got;
	if (!user_ptr_null(stat_addr) && copy_to_user(stat_addr, &r.status, sizeof(r.status)))
		return -EFAULT;
	return rusage_out(ru, &r) ?: got;
}

long sys_waitpid(int pid, user_ptr_t stat_addr, int options)
{
	return sys_wait4(pid, stat_addr, options, USER_PTR(0));
}

/* waitid's idtype and id: 0 or -EINVAL (P_PIDFD: there are no pidfds). */
static int waitid_check(int which, int id)
{
	if (which == P_ALL)
		return 0;
	if (which == P_PID)
		return id > 0 ? 0 : -EINVAL;
	if (which == P_PGID)
		return id >= 0 ? 0 : -EINVAL;     /* 0: the caller's group */
	return -EINVAL;
}

/* The part of siginfo that Linux's waitid writes (the rest is left). */
struct waitid_info {
	int32_t signo, err, code, pid;
	uint32_t uid;
	int32_t status;
};

long sys_waitid(int which, int id, user_ptr_t infop, int options, user_ptr_t ru)
{
	if ((options & ~WAITID_OPTIONS) || !(options & WAITID_EVENTS) || waitid_check(which, id))
		return -EINVAL;
	struct wait_result r = { 0 };
	int got = proc_wait_opts(which, id, options, &r);
	if (got < 0)
		return got;
	struct waitid_info wi = { 0 };
	if (got)
		wi = (struct waitid_info){ .signo = SIGCHLD, .code = r.code, .pid = r.pid,
					   .status = r.si_status };
	if (!user_ptr_null(infop) && copy_to_user(infop, &wi, sizeof(wi)))
		return -EFAULT;
	return got ? rusage_out(ru, &r) : 0;
}
