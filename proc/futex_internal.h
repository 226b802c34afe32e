/*
 * futex_internal.h - what proc/futex.c shares with proc/futex_pi.c: keys,
 * waiters and their hash of FIFO lists. Locking: the lists and every
 * waiter's queued/key/next/got_lock/pi_owner are guarded by interrupts off
 * (one CPU); see futex.c.
 */
#ifndef PROC_FUTEX_INTERNAL_H
#define PROC_FUTEX_INTERNAL_H
#include "kernel/wait.h"
#include "mm/usercopy.h"
#include <stdbool.h>
#include <stdint.h>

#define FUTEX_HASH_BITS  6
#define FUTEX_BUCKETS    (1u << FUTEX_HASH_BITS)
#define KEY_PHYS 1u                       /* key.space of a shared word: no mm lives at 1 */

struct futex_key {
	uint32_t space;                   /* the mm (private), or KEY_PHYS */
	uint32_t addr;                    /* the user address, or the physical one */
};

struct futex_waiter {
	struct futex_key key;             /* irq-off (FUTEX_REQUEUE moves it) */
	uint32_t bitset;                  /* fixed */
	bool queued;                      /* irq-off: in a bucket; a waker clears it */
	struct futex_waiter *next;        /* irq-off */
	struct wait_queue wq;             /* its thread alone sleeps here */
	/* FUTEX_LOCK_PI's waiters only: */
	bool pi;                          /* fixed: waits for the lock, not a wake */
	int tid;                          /* fixed: the waiting thread's */
	int pi_owner;                     /* irq-off: the tid it waits on */
	bool got_lock;                    /* irq-off: handed the lock as it was dequeued */
};

struct futex_waiter **bucket(const struct futex_key *k);
/* The list of bucket b (< FUTEX_BUCKETS), for a walk over them all. */
struct futex_waiter *futex_bucket_head(uint32_t b);
bool key_eq(const struct futex_key *a, const struct futex_key *b);
void enqueue(struct futex_waiter *w);
void dequeue(struct futex_waiter *w);
/* Sleep until dequeued, the deadline tick (0: none) or a signal:
 * 0, -ETIMEDOUT, -ERESTARTSYS or -ERESTARTNOHAND. Interrupts off. */
long wait_queued(struct futex_waiter *w, uint64_t deadline);
/* The key of the word at uaddr, its page brought in first (may sleep). */
int key_of(user_ptr_t uaddr, bool private, struct futex_key *k);

/* futex_pi.c */
long futex_lock_pi(user_ptr_t uaddr, bool private, uint64_t deadline, bool try);
long futex_unlock_pi(user_ptr_t uaddr, bool private);
#endif
