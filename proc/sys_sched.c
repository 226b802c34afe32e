/*
 * sys_sched.c - the scheduling system calls, as Linux answers them on a
 * machine with one CPU: sched_yield, the affinity mask (CPU 0 only), and
 * the policy and priority (kept per thread and reported back; the
 * scheduler is round-robin for everyone, so they change nothing yet).
 */
#include "proc/thread_internal.h"
#include "gen/syscalls.h"
#include "mm/usercopy.h"
#include "uapi/errno.h"
#include "uapi/sched.h"

#define NR_CPUS          1
#define CPU_MASK_BYTES   sizeof(uint32_t)  /* Linux's cpumask_size(): whole longs */
#define ALL_CPUS         ((1u << NR_CPUS) - 1)
#define BITS_PER_BYTE    8

long sys_sched_yield(void)
{
	thread_yield();
	return 0;
}

/* The thread pid names (0: the caller): 0, -EINVAL (pid < 0) or -ESRCH;
 * *policy and *prio get its settings. */
static int thread_sched(int pid, int *policy, int *prio)
{
	if (pid < 0)
		return -EINVAL;
	uint32_t f = irq_save();
	struct thread *t = pid ? thread_find(pid) : current_thread();
	if (t) {
		*policy = t->sched_policy;
		*prio = t->sched_priority;
	}
	irq_restore(f);
	return t ? 0 : -ESRCH;
}

long sys_sched_getaffinity(int pid, unsigned int len, user_ptr_t mask)
{
	int policy, prio;
	uint32_t m = ALL_CPUS;
	if (len * BITS_PER_BYTE < NR_CPUS || len % sizeof(uint32_t))
		return -EINVAL;
	int err = thread_sched(pid, &policy, &prio);
	if (err)
		return err;
	if (copy_to_user(mask, &m, CPU_MASK_BYTES))
		return -EFAULT;
	return CPU_MASK_BYTES;
}

long sys_sched_setaffinity(int pid, unsigned int len, user_ptr_t mask)
{
	int policy, prio;
	uint32_t m = 0;
	int err = thread_sched(pid, &policy, &prio);
	if (err)
		return err;
	if (copy_from_user(&m, mask, len < CPU_MASK_BYTES ? len : CPU_MASK_BYTES))
		return -EFAULT;
	return (m & ALL_CPUS) ? 0 : -EINVAL;  /* no CPU of this machine in it */
}

static bool policy_rt(int policy)
{
	return policy == SCHED_FIFO || policy == SCHED_RR;
}

long sys_sched_get_priority_max(int policy)
{
	if (policy_rt(policy))
		return SCHED_RT_PRIO_MAX;
	return (policy == SCHED_OTHER || policy == SCHED_BATCH || policy == SCHED_IDLE) ? 0 : -EINVAL;
}

long sys_sched_get_priority_min(int policy)
{
	if (policy_rt(policy))
		return SCHED_RT_PRIO_MIN;
	return sys_sched_get_priority_max(policy);
}

long sys_sched_getscheduler(int pid)
{
	int policy, prio;
	int err = thread_sched(pid, &policy, &prio);
	return err ? err : policy;
}

long sys_sched_getparam(int pid, user_ptr_t param)
{
	int policy;
	struct sched_param sp;
	if (user_ptr_null(param))
		return -EINVAL;
	int err = thread_sched(pid, &policy, &sp.sched_priority);
	if (err)
		return err;
	return copy_to_user(param, &sp, sizeof(sp)) ? -EFAULT : 0;
}

/* Set pid's policy (-1: keep it) and priority from the user's param, with
 * Linux's checks: a real-time policy takes 1..99, the others only 0. */
static long set_sched(int pid, int policy, user_ptr_t param)
{
	struct sched_param sp;
	int old_policy, old_prio;
	if (user_ptr_null(param) || pid < 0)
		return -EINVAL;
	if (copy_from_user(&sp, param, sizeof(sp)))
		return -EFAULT;
	int err = thread_sched(pid, &old_policy, &old_prio);
	if (err)
		return err;
	if (policy < 0)
		policy = old_policy;
	if (sys_sched_get_priority_max(policy) < 0 ||
	    sp.sched_priority < sys_sched_get_priority_min(policy) ||
	    sp.sched_priority > sys_sched_get_priority_max(policy))
		return -EINVAL;
	uint32_t f = irq_save();
	struct thread *t = pid ? thread_find(pid) : current_thread();
	if (t) {
		t->sched_policy = policy;
		t->sched_priority = sp.sched_priority;
	}
	irq_restore(f);
	return t ? 0 : -ESRCH;
}

long sys_sched_setscheduler(int pid, int policy, user_ptr_t param)
{
	if (policy < 0)
		return -EINVAL;
	return set_sched(pid, policy & ~SCHED_RESET_ON_FORK, param);
}

long sys_sched_setparam(int pid, user_ptr_t param)
{
	return set_sched(pid, -1, param);
}
