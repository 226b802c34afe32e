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

/*
 * A sleep that a signal may end ("interruptible", as Linux's
 * TASK_INTERRUPTIBLE): the caller gives up with one of these codes, which
 * never reach user space: on the way out the system call is restarted or
 * fails with EINTR (proc/signal.c), by Linux's rules (include/linux/errno.h):
 * ERESTARTSYS restarts unless a handler without SA_RESTART runs,
 * ERESTARTNOHAND only when no handler runs, ERESTARTNOINTR always.
 */
#define ERESTARTSYS     512
#define ERESTARTNOINTR  513
#define ERESTARTNOHAND  514

/* Whether the current thread has a signal to act on (pending, not blocked). */
bool signal_pending_current(void);
/* SIGKILL is pending for the current thread: it will die on its way out. */
bool fatal_signal_pending_current(void);

struct wait_queue {
	struct thread *head;              /* sleepers, oldest first; interrupts off */
};

#define WAIT_QUEUE_INIT { .head = NULL }

/* Sleep on wq until woken. Interrupts are off on entry and on return. */
void wait_sleep(struct wait_queue *wq);
/* The same, but give up after ticks timer ticks: false if the time ran out. */
bool wait_sleep_timeout(struct wait_queue *wq, uint64_t ticks);
/* The same, and a signal ends it too (ticks 0: no time limit). */
bool wait_sleep_timeout_intr(struct wait_queue *wq, uint64_t ticks);
/* Sleep on wq with l held: l is let go for the sleep and held again on
 * return, as xv6's sleep(chan, lk). */
void wait_sleep_locked(struct wait_queue *wq, struct spinlock *l);
/* The same, but a signal for the sleeper ends the sleep too. */
void wait_sleep_locked_intr(struct wait_queue *wq, struct spinlock *l);
void wait_sleep_intr(struct wait_queue *wq);
/* Sleep on wq until woken or SIGKILL comes for the sleeper (Linux's
 * TASK_KILLABLE): other signals wait. Interrupts off on entry and return. */
void wait_sleep_killable(struct wait_queue *wq);
/* Sleep on wq until woken, a signal comes or ticks pass (0: no time
 * limit): false if the time ran out. Interrupts are off on entry and return. */
bool wait_sleep_timeout_intr(struct wait_queue *wq, uint64_t ticks);
/* Sleep up to ticks, or until a signal comes: false if a signal ended it. */
bool sleep_ticks_intr(uint64_t ticks);
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

/* wait_event_locked, but a signal ends the wait: 0 once cond holds, or
 * -ERESTARTSYS (l held either way). */
#define wait_event_locked_intr(wq, cond, l)                                  \
	({                                                                   \
		int wait_err_ = 0;                                           \
		assert_held(l);                                              \
		while (!(cond)) {                                            \
			if (signal_pending_current()) {                      \
				wait_err_ = -ERESTARTSYS;                    \
				break;                                       \
			}                                                    \
			wait_sleep_locked_intr(wq, l);                       \
		}                                                            \
		wait_err_;                                                   \
	})

#endif
