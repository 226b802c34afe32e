/*
 * wait.h - sleeping and waking: how anything outside proc/ blocks.
 *
 * A wait queue holds the threads sleeping until a condition on some shared
 * state becomes true; whoever changes that state wakes the queue. The
 * scheduler implements these calls (proc/sched.c); fs/ and drivers/ need
 * only this header.
 *
 * No wake-up is lost: the condition is checked and the sleep begins with
 * interrupts off (or under the spinlock that guards the condition, which
 * turns them off), so no waker can run in between. A woken thread checks
 * its condition again: another may have got there first. Waking FIFO,
 * wake_one takes the longest sleeper.
 */
#ifndef KERNEL_WAIT_H
#define KERNEL_WAIT_H

#include "kernel/spinlock.h"
#include "kernel/x86.h"
#include <stdbool.h>
#include <stdint.h>

struct thread;

struct wait_queue {
	struct thread *head;              /* sleepers, oldest first; interrupts off */
};

#define WAIT_QUEUE_INIT { .head = NULL }

/* Sleep on wq until woken. Interrupts are off on entry and on return. */
void wait_sleep(struct wait_queue *wq);
/* The same, but give up after ticks timer ticks: false if the time ran out. */
bool wait_sleep_timeout(struct wait_queue *wq, uint64_t ticks);
/* Sleep on wq with l held: l is let go for the sleep and held again on
 * return, as xv6's sleep(chan, lk). */
void wait_sleep_locked(struct wait_queue *wq, struct spinlock *l);
void wake_one(struct wait_queue *wq);
void wake_all(struct wait_queue *wq);
/* Sleep for at least ticks timer ticks (any interrupt state). */
void sleep_ticks(uint64_t ticks);

/* Sleep on wq until cond holds; cond is evaluated with interrupts off. */
#define wait_event(wq, cond)                                                 \
	do {                                                                 \
		uint32_t wait_flags_ = irq_save();                           \
		while (!(cond))                                              \
			wait_sleep(wq);                                      \
		irq_restore(wait_flags_);                                    \
	} while (0)

/* Sleep on wq until cond holds, with l (which guards cond) held around
 * every check and on return. */
#define wait_event_locked(wq, cond, l)                                       \
	do {                                                                 \
		assert_held(l);                                              \
		while (!(cond))                                              \
			wait_sleep_locked(wq, l);                            \
	} while (0)

#endif
