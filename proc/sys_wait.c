/*
 * sys_wait.c - wait4 and waitpid: reap a child (proc_wait_opts in
 * proc/process.c) and report its status to user space.
 */
#include "proc/thread_internal.h"
#include "gen/syscalls.h"
#include "mm/usercopy.h"
#include "uapi/errno.h"
#include "uapi/resource.h"
#include "uapi/wait.h"

long sys_wait4(int pid, user_ptr_t stat_addr, int options, user_ptr_t ru)
{
	int status = 0;
	if (options & ~(WNOHANG | WUNTRACED))
		return -EINVAL;
	int r = proc_wait_opts(pid, &status, options & WNOHANG);
	if (r > 0 && !user_ptr_null(stat_addr) && copy_to_user(stat_addr, &status, sizeof(status)))
		return -EFAULT;
	/* No usage is accounted yet: the caller sees zeros. */
	if (r > 0 && !user_ptr_null(ru) && clear_user(ru, sizeof(struct rusage)))
		return -EFAULT;
	return r;
}

long sys_waitpid(int pid, user_ptr_t stat_addr, int options)
{
	return sys_wait4(pid, stat_addr, options, USER_PTR(0));
}
