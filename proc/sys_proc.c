/*
 * sys_proc.c - process and identity system calls.
 * Everyone is root (uid 0) until users exist.
 */
#include "proc/proc.h"
#include "proc/sys_proc.h"
#include "kernel/errno.h"
#include "kernel/signal.h"
#include "mm/usercopy.h"

#define EXIT_CODE_SHIFT 8

long sys_exit(uint32_t code)
{
	proc_exit((int)((code & 0xff) << EXIT_CODE_SHIFT));
}

long sys_getpid(void) { return current_process()->pid; }
long sys_gettid(void) { return current_thread()->tid; }
long sys_getppid(void)
{
	struct process *parent = current_process()->parent;
	return parent ? parent->pid : 0;
}
long sys_getuid(void) { return 0; }

long sys_set_tid_address(uint32_t uptr)
{
	current_thread()->clear_child_tid = uptr;
	return current_thread()->tid;
}

long sys_set_robust_list(uint32_t head, uint32_t len)
{
	(void)head;
	/* One thread per process: the list only matters when a thread dies with
	 * a robust futex held by another thread of the same process. */
	return len == 12 ? 0 : -EINVAL;      /* sizeof(struct robust_list_head) on i386 */
}

long sys_sched_yield(void)
{
	thread_yield();
	return 0;
}

/* kill/tgkill: only to oneself for now (abort() raises SIGABRT this way);
 * with no handlers every signal but 0 is fatal, as its default action. */
static long signal_self(int pid, int sig)
{
	if (sig < 0 || sig > 64)
		return -EINVAL;
	if (pid != current_process()->pid)
		return -ESRCH;
	if (sig == 0 || sig == SIGCHLD)
		return 0;
	proc_kill_self(sig);
}

long sys_kill(uint32_t pid, uint32_t sig) { return signal_self((int)pid, (int)sig); }
long sys_tgkill(uint32_t tgid, uint32_t tid, uint32_t sig)
{
	if ((int)tid != current_thread()->tid && (int)tid != current_process()->pid)
		return -ESRCH;
	return signal_self((int)tgid, (int)sig);
}
