/*
 * sched.c - round-robin scheduling, sleeping and waking.
 *
 * The run queue holds runnable threads other than the one running and the
 * idle thread; the idle thread runs only when the queue is empty. The timer
 * asks for a reschedule every tick; threads switch at the end of a trap
 * (sched_preempt_point) or when they block. All of it runs with interrupts
 * off, which is the lock on one CPU.
 */
#include "proc/thread_internal.h"
#include "kernel/gdt.h"
#include "kernel/panic.h"
#include "kernel/x86.h"
#include "drivers/pit.h"
#include "mm/kstack.h"

struct cpu cpu0;
static struct thread *run_head, *run_tail;
static struct thread *sleepers;           /* sleeping with a wake_tick */

struct thread *current_thread(void) { return cpu0.current; }
struct process *current_process(void) { return cpu0.current->proc; }

void sched_make_runnable(struct thread *t)
{
	t->state = THREAD_RUNNABLE;
	if (t == cpu0.idle)
		return;
	t->next = NULL;
	if (run_tail)
		run_tail->next = t;
	else
		run_head = t;
	run_tail = t;
}

static struct thread *pick_next(void)
{
	struct thread *t = run_head;
	if (!t)
		return cpu0.idle;
	run_head = t->next;
	if (!run_head)
		run_tail = NULL;
	t->next = NULL;
	return t;
}

/* Everything the CPU must know about the next thread before it runs. */
static void switch_to(struct thread *prev, struct thread *next)
{
	fpu_switch(prev, next);
	tss_set_kernel_stack(next->kstack_top);
	tls_load(next);
	if (next->proc->vm != vmm_current())
		vmm_space_switch(next->proc->vm);
	cpu0.current = next;
	next->state = THREAD_RUNNING;
	context_switch(&prev->ctx, next->ctx);
	/* Back in prev, later. A thread that exited before us is freed here,
	 * now that nobody runs on its stack. */
	if (cpu0.dead) {
		thread_free(cpu0.dead);
		cpu0.dead = NULL;
	}
}

void schedule(void)
{
	KASSERT(!irqs_enabled());
	struct thread *prev = cpu0.current;
	if (prev->state == THREAD_RUNNING)
		sched_make_runnable(prev);
	struct thread *next = pick_next();
	cpu0.need_resched = false;
	if (next != prev)
		switch_to(prev, next);
	else
		prev->state = THREAD_RUNNING;
}

void thread_yield(void)
{
	uint32_t f = irq_save();
	schedule();
	irq_restore(f);
}

static void wake_sleepers(uint64_t now)
{
	struct thread **pp = &sleepers;
	while (*pp) {
		struct thread *t = *pp;
		if (t->wake_tick <= now) {
			*pp = t->next;
			sched_make_runnable(t);
		} else {
			pp = &t->next;
		}
	}
}

void sched_tick(void)
{
	wake_sleepers(pit_ticks());
	cpu0.need_resched = true;
}

void sched_preempt_point(void)
{
	if (cpu0.need_resched && cpu0.current)
		schedule();
}

void sleep_on(struct wait_queue *wq)
{
	KASSERT(!irqs_enabled());
	struct thread *t = cpu0.current;
	t->state = THREAD_SLEEPING;
	t->next = wq->head;
	wq->head = t;
	schedule();
}

void wake_all(struct wait_queue *wq)
{
	uint32_t f = irq_save();
	struct thread *t = wq->head;
	wq->head = NULL;
	while (t) {
		struct thread *next = t->next;
		sched_make_runnable(t);
		t = next;
	}
	irq_restore(f);
}

void sleep_ticks(uint64_t ticks)
{
	uint32_t f = irq_save();
	struct thread *t = cpu0.current;
	t->wake_tick = pit_ticks() + ticks;
	t->state = THREAD_SLEEPING;
	t->next = sleepers;
	sleepers = t;
	schedule();
	irq_restore(f);
}
