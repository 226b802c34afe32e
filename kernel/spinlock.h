/*
 * spinlock.h - mutual exclusion for short critical sections.
 *
 * One CPU for now: taking a lock disables interrupts (saving the previous
 * state) and marks the lock held, so nesting the same lock is caught at
 * once instead of deadlocking later on SMP. The interface is the SMP one.
 *
 * Each lock held counts in the CPU's preempt_count: the scheduler asserts
 * it is zero before switching, so a thread can neither be preempted nor
 * go to sleep while it holds a lock (wait_sleep_locked in kernel/wait.h
 * lets the lock go for the sleep). Functions that need a lock say so with
 * assert_held(&lock), as xv6's sched() does.
 */
#ifndef KERNEL_SPINLOCK_H
#define KERNEL_SPINLOCK_H

#include "kernel/cpu.h"
#include "kernel/panic.h"
#include "kernel/x86.h"

struct spinlock {
	const char *name;
	volatile int held;
	uint32_t saved_flags;             /* the holder's interrupt flag before spin_lock */
};

#define SPINLOCK_INIT(n) { .name = (n), .held = 0, .saved_flags = 0 }

static inline void spin_lock(struct spinlock *l)
{
	uint32_t f = irq_save();
	if (l->held)
		panic("spinlock %s taken twice", l->name);
	l->held = 1;
	l->saved_flags = f;
	this_cpu()->preempt_count++;
}

static inline void spin_unlock(struct spinlock *l)
{
	uint32_t f = l->saved_flags;
	KASSERT(l->held && this_cpu()->preempt_count > 0);
	l->held = 0;
	this_cpu()->preempt_count--;
	irq_restore(f);
}

static inline int spin_held(const struct spinlock *l) { return l->held; }

/* For sleeping with l held (proc/sched.c, wait_sleep_locked): let l go
 * while interrupts stay off, so no waker runs before the sleep begins;
 * the holder's saved flags come back for spin_retake. */
static inline uint32_t spin_release_irqs_off(struct spinlock *l)
{
	KASSERT(l->held && this_cpu()->preempt_count > 0);
	l->held = 0;
	this_cpu()->preempt_count--;
	return l->saved_flags;
}

static inline void spin_retake(struct spinlock *l, uint32_t saved_flags)
{
	KASSERT(!irqs_enabled() && !l->held);
	l->held = 1;
	l->saved_flags = saved_flags;
	this_cpu()->preempt_count++;
}

/* The caller must hold l: a function's contract, checked. */
#define assert_held(l)                                                       \
	do {                                                                 \
		if (!spin_held(l))                                           \
			panic("%s: lock %s not held", __func__, (l)->name);  \
	} while (0)

#endif
