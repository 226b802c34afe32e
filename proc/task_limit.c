/*
 * task_limit.c - how many tasks (threads, every process has at least one)
 * fork and clone may make: Linux's two limits, with Linux's defaults.
 *
 * threads-max: a global cap from the memory size, as Linux's
 * set_max_threads: the kernel stacks of all tasks may take at most an
 * eighth of RAM (frames / (8 * KSTACK_PAGES)), at least MIN_TASKS.
 * RLIMIT_NPROC: a per-user cap on the tasks of a real user id, by default
 * half of threads-max (Linux's fork_init); root (real or effective uid 0)
 * is exempt, as CAP_SYS_RESOURCE/CAP_SYS_ADMIN are on Linux. Either
 * refuses with EAGAIN, so a fork bomb ends in a clean "no" while memory
 * is left for everyone else. fork checks before it starts and again once
 * the child counts (as Linux increments, then compares): two forks that
 * slept in between could otherwise both pass the first look.
 */
#include "proc/thread_internal.h"
#include "kernel/x86.h"
#include "mm/frame.h"
#include "mm/kstack.h"
#include "uapi/errno.h"
#include "uapi/resource.h"

#define MIN_TASKS       20        /* Linux's MIN_THREADS */
#define STACK_SHARE     8         /* kernel stacks get 1/8 of the frames */
#define TASKS_HARD_MAX  8192      /* what the kernel-stack area holds, with room (proc/fork.c) */

static uint32_t tasks_max = MIN_TASKS;   /* set once at boot */

uint32_t task_limit_max(void) { return tasks_max; }

void task_limit_init(void)
{
	struct frame_stats st;
	frame_get_stats(&st);
	/* All of RAM, the frames still lent to the boot modules included: the
	 * initramfs is given back soon, and its size must not set the limit. */
	uint32_t n = (st.total + st.reserved) / (STACK_SHARE * KSTACK_PAGES);
	tasks_max = n < MIN_TASKS ? MIN_TASKS : n > TASKS_HARD_MAX ? TASKS_HARD_MAX : n;
	struct rlimit64 *r = &kernel_process.cred.rlim[RLIMIT_NPROC];
	r->rlim_cur = r->rlim_max = tasks_max / 2;
}

struct user_tasks {
	uint32_t uid, n;
};

static void count_user(struct process *p, void *arg)
{
	struct user_tasks *u = arg;
	if (p->cred.uid == u->uid)
		u->n += p->nthreads ? p->nthreads : 1;   /* a zombie counts until reaped */
}

/* The tasks whose process's real user id is uid. */
static uint32_t user_tasks(uint32_t uid)
{
	struct user_tasks u = { uid, 0 };
	uint32_t f = irq_save();
	process_for_each(count_user, &u);
	irq_restore(f);
	return u.n;
}

int task_limit_check(bool counted)
{
	const struct cred *c = current_cred();
	uint32_t room = counted ? 0 : 1;          /* what the new task still needs */
	if (thread_count() + room > tasks_max)
		return -EAGAIN;
	if (c->uid == 0 || cred_id_capable(c))
		return 0;
	return user_tasks(c->uid) + room > c->rlim[RLIMIT_NPROC].rlim_cur ? -EAGAIN : 0;
}
