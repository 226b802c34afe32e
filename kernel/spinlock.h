/*
 * spinlock.h - mutual exclusion for short critical sections.
 *
 * One CPU for now: taking a lock disables interrupts (saving the previous
 * state) and marks the lock held, so nesting the same lock is caught at
 * once instead of deadlocking later on SMP. The interface is the SMP one.
 */
#ifndef KERNEL_SPINLOCK_H
#define KERNEL_SPINLOCK_H

#include "kernel/panic.h"
#include "kernel/x86.h"

struct spinlock {
	const char *name;
	volatile int held;
	uint32_t saved_flags;
};

#define SPINLOCK_INIT(n) { .name = (n), .held = 0, .saved_flags = 0 }

static inline void spin_lock(struct spinlock *l)
{
	uint32_t f = irq_save();
	if (l->held)
		panic("spinlock %s taken twice", l->name);
	l->held = 1;
	l->saved_flags = f;
}

static inline void spin_unlock(struct spinlock *l)
{
	uint32_t f = l->saved_flags;
	l->held = 0;
	irq_restore(f);
}

static inline int spin_held(const struct spinlock *l) { return l->held; }

#endif
