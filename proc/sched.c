/*
 * sched.c - round-robin scheduling, and the sleeping and waking that
 * kernel/wait.h promises.
 *
 * The run queue holds runnable threads other than the one running and the
 * idle thread; the idle thread runs only when the queue is empty. A thread
 * runs for a time slice of timeslice_ticks timer ticks (timeslice= on the
 * command line); threads switch at the end of a trap (sched_preempt_point),
 * when they block, or when they yield.
 *
 * Locking: the run queue, every wait queue, the timer list and the thread
 * fields they use (state, next, wq, timer_next, wake_tick, timer_armed,
 * timed_out) are guarded by interrupts off, which is the lock on one CPU.
 * Nothing switches while a spinlock is held (cpu0.preempt_count).
 */
#include "proc/thread_internal.h"
#include "kernel/gdt.h"
#include "kernel/sleeplock.h"
#include "kernel/panic.h"
#include "kernel/x86.h"
#include "drivers/pit.h"
#include "mm/kstack.h"

#define TIMESLICE_DEFAULT 10              /* ticks: 10 ms at PIT_HZ 1000 */

struct cpu cpu0;
static struct thread *run_head, *run_tail;
static struct thread *sleepers;           /* armed timers, through timer_next */
static uint32_t timeslice_ticks = TIMESLICE_DEFAULT;


uint32_t sched_set_timeslice(uint32_t ticks)
{
	uint32_t old = timeslice_ticks;
	timeslice_ticks = ticks ? ticks : 1;
	return old;
}

void sched_make_runnable(struct thread *t)
{
	KASSERT(!irqs_enabled());
	t->state = THREAD_RUNNABLE;
	if (t == cpu0.idle)
		return;
	t->next = NULL;
	if (run_tail)
		run_tail->next = t;
	else
		run_head = t;
	run_tail = t;
	if (cpu0.current == cpu0.idle)
		cpu0.need_resched = true;         /* idle gives way at once */
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
	if (cpu0.preempt_count != 0)
		panic("schedule: switching away with %d spinlock(s) held", cpu0.preempt_count);
	struct thread *prev = cpu0.current;
	if (prev->state == THREAD_RUNNING)
		sched_make_runnable(prev);
	struct thread *next = pick_next();
	cpu0.need_resched = false;
	cpu0.slice_left = timeslice_ticks;
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

/* --- timers: threads that sleep until a tick --- */

static void timer_arm(struct thread *t, uint64_t ticks)
{
	t->wake_tick = pit_ticks() + ticks;
	t->timer_next = sleepers;
	sleepers = t;
	t->timer_armed = true;
}

static void timer_disarm(struct thread *t)
{
	for (struct thread **pp = &sleepers; *pp; pp = &(*pp)->timer_next)
		if (*pp == t) {
			*pp = t->timer_next;
			break;
		}
	t->timer_armed = false;
}

/* --- wait queues --- */

static void queue_append(struct wait_queue *wq, struct thread *t)
{
	struct thread **pp = &wq->head;
	while (*pp)
		pp = &(*pp)->next;
	t->next = NULL;
	*pp = t;
	t->wq = wq;
}

static void queue_remove(struct thread *t)
{
	for (struct thread **pp = &t->wq->head; *pp; pp = &(*pp)->next)
		if (*pp == t) {
			*pp = t->next;
			break;
		}
	t->wq = NULL;
}

/* t leaves whatever it sleeps on (its queue, its timer) and may run. */
static void wake_thread(struct thread *t, bool timed_out)
{
	if (t->wq)
		queue_remove(t);
	if (t->timer_armed)
		timer_disarm(t);
	t->timed_out = timed_out;
	sched_make_runnable(t);
}

static void wake_sleepers(uint64_t now)
{
	struct thread *t = sleepers;
	while (t) {
		struct thread *next = t->timer_next;
		if (t->wake_tick <= now)
			wake_thread(t, true);
		t = next;
	}
}

void sched_tick(bool user)
{
	wake_sleepers(pit_ticks());
	timer_tick(user);
	if (cpu0.slice_left <= 1)
		cpu0.need_resched = true;
	else
		cpu0.slice_left--;
}

void sched_preempt_point(const struct trapframe *tf)
{
	if (!cpu0.need_resched || !cpu0.current)
		return;
	/* Code interrupted with interrupts off counted on running alone
	 * (a trap it took itself, a page fault in an irq_save section). */
	if (!(tf->eflags & EFLAGS_IF))
		return;
	/* A lock holder runs with interrupts off: if they were on, it let
	 * them on by mistake. */
	KASSERT(cpu0.preempt_count == 0);
	schedule();
}

/* How a sleep may end besides its wake-up and its time. */
enum sleep_kind { SLEEP_PLAIN, SLEEP_INTR, SLEEP_KILLABLE };

/* The current thread sleeps on wq, and for at most ticks if ticks != 0,
 * and until a signal (SLEEP_INTR) or SIGKILL (SLEEP_KILLABLE) comes:
 * false when the time ran out first. */
static bool sleep_kind_on(struct wait_queue *wq, uint64_t ticks, enum sleep_kind kind)
{
	KASSERT(!irqs_enabled());
	struct thread *t = cpu0.current;
	t->state = THREAD_SLEEPING;
	t->timed_out = false;
	t->sig_interruptible = kind == SLEEP_INTR;
	t->sig_killable = kind == SLEEP_KILLABLE;
	if (wq)
		queue_append(wq, t);
	if (ticks)
		timer_arm(t, ticks);
	schedule();
	t->sig_interruptible = t->sig_killable = false;
	return !t->timed_out;
}

static bool sleep_on(struct wait_queue *wq, uint64_t ticks, bool intr)
{
	return sleep_kind_on(wq, ticks, intr ? SLEEP_INTR : SLEEP_PLAIN);
}

void wait_sleep_killable(struct wait_queue *wq)
{
	sleep_kind_on(wq, 0, SLEEP_KILLABLE);
}

void wait_sleep(struct wait_queue *wq)
{
	sleep_on(wq, 0, false);
}

void wait_sleep_intr(struct wait_queue *wq)
{
	sleep_on(wq, 0, true);
}

bool wait_sleep_timeout(struct wait_queue *wq, uint64_t ticks)
{
	return sleep_on(wq, ticks ? ticks : 1, false);
}

bool wait_sleep_timeout_intr(struct wait_queue *wq, uint64_t ticks)
{
	return sleep_on(wq, ticks, true);
}

void wait_sleep_locked(struct wait_queue *wq, struct spinlock *l)
{
	uint32_t saved = spin_release_irqs_off(l);
	sleep_on(wq, 0, false);
	spin_retake(l, saved);
}

void wait_sleep_locked_intr(struct wait_queue *wq, struct spinlock *l)
{
	uint32_t saved = spin_release_irqs_off(l);
	sleep_on(wq, 0, true);
	spin_retake(l, saved);
}

void sched_signal_wake(struct thread *t)
{
	KASSERT(!irqs_enabled());
	if (t->state == THREAD_SLEEPING && (t->sig_interruptible || (t->sig_killable && signal_fatal_pending(t))))
		wake_thread(t, false);
}

void wake_one(struct wait_queue *wq)
{
	uint32_t f = irq_save();
	if (wq->head)
		wake_thread(wq->head, false);
	irq_restore(f);
}

void wake_all(struct wait_queue *wq)
{
	uint32_t f = irq_save();
	while (wq->head)
		wake_thread(wq->head, false);
	irq_restore(f);
}

void sleep_ticks(uint64_t ticks)
{
	uint32_t f = irq_save();
	if (ticks)
		sleep_on(NULL, ticks, false);
	else
		schedule();
	irq_restore(f);
}

bool sleep_ticks_intr(uint64_t ticks)
{
	uint32_t f = irq_save();
	bool slept = true;
	if (signal_pending_current())
		slept = false;
	else if (ticks)
		slept = !sleep_on(NULL, ticks, true);   /* the timer won, even if a signal came too */
	irq_restore(f);
	return slept;
}

/* --- sleeplocks (kernel/sleeplock.h) --- */

void sleeplock_acquire(struct sleeplock *l)
{
	uint32_t f = irq_save();
	if (l->owner == cpu0.current)
		panic("sleeplock %s taken twice", l->name);
	while (l->owner)
		wait_sleep(&l->waiters);
	l->owner = cpu0.current;
	irq_restore(f);
}

void sleeplock_release(struct sleeplock *l)
{
	uint32_t f = irq_save();
	KASSERT(l->owner == cpu0.current);
	l->owner = NULL;
	wake_one(&l->waiters);
	irq_restore(f);
}

bool sleeplock_held(const struct sleeplock *l)
{
	return l->owner == cpu0.current;
}
