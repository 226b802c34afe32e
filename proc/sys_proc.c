/*
 * sys_proc.c - process and identity system calls.
 * Everyone is root (uid 0) until users exist.
 */
#include "gen/syscalls.h"
#include "proc/proc.h"
#include "mm/usercopy.h"
#include "uapi/errno.h"
#include "uapi/futex.h"
#include "uapi/signal.h"
#include "uapi/wait.h"

long sys_exit(int status)
{
	proc_exit((status & WEXIT_CODE_MASK) << WEXIT_CODE_SHIFT);
}

long sys_getpid(void) { return current_process()->pid; }
long sys_gettid(void) { return current_thread()->tid; }
long sys_getppid(void)
{
	struct process *parent = current_process()->parent;
	return parent ? parent->pid : 0;
}
long sys_getuid(void) { return 0; }
long sys_getgid(void) { return 0; }

long sys_set_tid_address(user_ptr_t tidptr)
{
	current_thread()->clear_child_tid = tidptr;
	return current_thread()->tid;
}

long sys_set_robust_list(user_ptr_t head, size_t len)
{
	(void)head;
	/* One thread per process: the list only matters when a thread dies with
	 * a robust futex held by another thread of the same process. */
	return len == sizeof(struct robust_list_head) ? 0 : -EINVAL;
}

long sys_sched_yield(void)
{
	thread_yield();
	return 0;
}
