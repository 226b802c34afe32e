/*
 * oom.c - the out-of-memory killer (see oom.h).
 */
#include "mm/oom.h"
#include "mm/uvm.h"
#include "drivers/pit.h"
#include "kernel/console.h"
#include "kernel/wait.h"
#include "kernel/x86.h"
#include "proc/proc.h"
#include "uapi/signal.h"

#define OOM_WAIT_TICKS   1        /* between tries while the victim's pages come back */
#define OOM_VICTIM_TICKS 2000     /* 2 s: a victim not gone by then is given up on */

/* The last victim, until it is gone: no other is chosen meanwhile (its
 * pages are on their way back). Interrupts off. */
static int victim_pid;
static uint64_t victim_since;

/* The last victim if it is still on its way out, else NULL. */
static struct process *victim_dying(bool *stuck)
{
	struct process *v = victim_pid ? process_find(victim_pid) : NULL;
	*stuck = false;
	if (!v || v->state != PROC_ALIVE) {
		victim_pid = 0;
		return NULL;
	}
	*stuck = pit_ticks() - victim_since >= OOM_VICTIM_TICKS;
	return v;
}

struct choice {
	const struct process *me;
	struct process *best;
	uint32_t pages;
};

/* Keep p if it holds more user pages than the best so far. The count is
 * read without its mm's lock: a heuristic, as Linux's. p->mm is safe to
 * follow with interrupts off: mm_destroy clears it before freeing it. */
static void consider(struct process *p, void *arg)
{
	struct choice *c = arg;
	if (p == c->me || p->pid == INIT_PID || !p->mm || p->mm == c->me->mm ||
	    p->state != PROC_ALIVE || p->group_exiting)
		return;
	if (p->mm->pages > c->pages) {
		c->best = p;
		c->pages = p->mm->pages;
	}
}

/* The process to kill for me: the one holding the most pages; me on a tie. */
static struct process *choose(struct process *me, uint32_t *pages)
{
	struct choice c = { me, me, me->mm->pages };
	process_for_each(consider, &c);
	*pages = c.pages;
	return c.best;
}

static void kill_victim(struct process *v, uint32_t pages, struct process *me, uint32_t addr)
{
	pr_warn("out of memory: pid %d (%s) killed, %u pages, for pid %d (%s) at address %08x\n",
		v->pid, v->exe, pages, me->pid, me->exe, addr);
	victim_pid = v->pid;
	victim_since = pit_ticks();
	signal_send(v, SIGKILL, &(struct ksiginfo){ .code = SI_KERNEL }, false);
}

bool oom_make_room(uint32_t addr)
{
	struct process *me = current_process(), *v;
	uint32_t pages, f = irq_save();
	bool stuck, retry;
	v = victim_dying(&stuck);
	if (v) {
		retry = v != me && !stuck;
	} else {
		v = choose(me, &pages);
		retry = v != me;
		if (retry)
			kill_victim(v, pages, me, addr);
	}
	irq_restore(f);
	if (retry)
		sleep_ticks(OOM_WAIT_TICKS);
	return retry;
}
