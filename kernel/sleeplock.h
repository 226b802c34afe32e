/*
 * sleeplock.h - a lock whose holder may sleep (and whose waiters sleep):
 * for state guarded across work that can block, such as an address space
 * whose page faults read files (the VFS lock is one too). The scheduler
 * implements it (proc/sched.c).
 *
 * The holder is a thread; taking a lock one already holds panics at once
 * (it would wait for itself). A sleeplock may be taken with interrupts
 * off (the page-fault handler): the wait, if any, is a sleep like any
 * other. Never take one while holding a spinlock.
 */
#ifndef KERNEL_SLEEPLOCK_H
#define KERNEL_SLEEPLOCK_H

#include "kernel/panic.h"
#include "kernel/wait.h"
#include <stdbool.h>

struct sleeplock {
	const char *name;
	struct thread *owner;             /* irq-off: the holder, NULL when free */
	struct wait_queue waiters;
};

#define SLEEPLOCK_INIT(n) { .name = (n), .owner = NULL, .waiters = WAIT_QUEUE_INIT }

void sleeplock_acquire(struct sleeplock *l);
void sleeplock_release(struct sleeplock *l);
/* Whether the current thread holds l. */
bool sleeplock_held(const struct sleeplock *l);

/* The caller must hold l: a function's contract, checked. */
#define assert_sleeplock_held(l)                                             \
	do {                                                                 \
		if (!sleeplock_held(l))                                      \
			panic("%s: lock %s not held", __func__, (l)->name);  \
	} while (0)

#endif
