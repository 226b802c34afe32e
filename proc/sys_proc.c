/*
 * sys_proc.c - process system calls (identities are proc/sys_cred.c's).
 */
#include "gen/syscalls.h"
#include "proc/proc.h"
#include "kernel/string.h"
#include "mm/usercopy.h"
#include "uapi/errno.h"
#include "uapi/personality.h"
#include "uapi/prctl.h"
#include "uapi/signal.h"
#include "uapi/wait.h"

long sys_getpid(void) { return current_process()->pid; }
long sys_gettid(void) { return current_thread()->tid; }
long sys_getppid(void)
{
	struct process *parent = current_process()->parent;
	return parent ? parent->pid : 0;
}

long sys_set_tid_address(user_ptr_t tidptr)
{
	current_thread()->clear_child_tid = tidptr;
	return current_thread()->tid;
}

/* prctl: the program's name and the signal for when the parent ends. */
long sys_prctl(int option, unsigned long arg2, unsigned long arg3, unsigned long arg4,
	       unsigned long arg5)
{
	(void)arg3, (void)arg4, (void)arg5;
	struct thread *t = current_thread();
	char name[TASK_COMM_LEN];
	switch (option) {
	case PR_SET_PDEATHSIG:
		if (arg2 > SIGRTMAX)
			return -EINVAL;
		current_process()->pdeath_signal = (int)arg2;
		return 0;
	case PR_GET_PDEATHSIG:
		return copy_to_user(USER_PTR(arg2), &current_process()->pdeath_signal, sizeof(int)) ? -EFAULT : 0;
	case PR_SET_NAME:                     /* longer names are cut, as Linux */
		memset(name, 0, sizeof(name));
		for (uint32_t i = 0; i < TASK_COMM_LEN - 1; i++)
			if (copy_from_user(&name[i], USER_PTR(arg2 + i), 1))
				return -EFAULT;
			else if (!name[i])
				break;
		memcpy(t->comm, name, sizeof(name));
		return 0;
	case PR_GET_NAME:
		return copy_to_user(USER_PTR(arg2), t->comm, sizeof(t->comm)) ? -EFAULT : 0;
	default:
		return -EINVAL;
	}
}

/* The personalities tern honours: Linux's own domain (PER_LINUX32 is the
 * same on i386), with or without ADDR_NO_RANDOMIZE (`setarch -R`: the
 * next execve lays the image out unrandomized, mm/aslr.h). Another
 * domain or flag would be a promise not kept: refused with EINVAL,
 * where Linux stores any value. */
static bool personality_known(uint32_t persona)
{
	uint32_t domain = persona & PER_MASK;
	return (domain == PER_LINUX || domain == PER_LINUX32) &&
	       (persona & ~PER_MASK & ~ADDR_NO_RANDOMIZE) == 0;
}

/* personality: the old persona; PERSONALITY_QUERY only reads it. */
long sys_personality(unsigned int persona)
{
	struct process *p = current_process();
	uint32_t old = p->personality;
	if (persona == PERSONALITY_QUERY)
		return old;
	if (!personality_known(persona))
		return -EINVAL;
	p->personality = persona;
	return old;
}
