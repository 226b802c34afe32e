/*
 * sys_wait.c - wait4 and waitpid: reap a child (proc_wait_opts in
 * proc/process.c) and report its status to user space.
 */
#include "proc/thread_internal.h"
#include "proc/sys_proc.h"
#include "kernel/errno.h"
#include "mm/usercopy.h"

#define WNOHANG   1
#define WUNTRACED 2
#define RUSAGE_BYTES 72                 /* struct rusage on i386 */

long sys_wait4(uint32_t pid, uint32_t ustatus, uint32_t options, uint32_t urusage)
{
	int status = 0;
	if (options & ~(WNOHANG | WUNTRACED))
		return -EINVAL;
	int r = proc_wait_opts((int)pid, &status, options & WNOHANG);
	if (r > 0 && ustatus && copy_to_user(ustatus, &status, sizeof(status)))
		return -EFAULT;
	if (r > 0 && urusage && clear_user(urusage, RUSAGE_BYTES))
		return -EFAULT;
	return r;
}

long sys_waitpid(uint32_t pid, uint32_t ustatus, uint32_t options)
{
	return sys_wait4(pid, ustatus, options, 0);
}
