/*
 * futex_pi.c - the priority-inheritance futex operations (FUTEX_LOCK_PI,
 * LOCK_PI2, TRYLOCK_PI, UNLOCK_PI), which glibc's PTHREAD_PRIO_INHERIT
 * mutexes use when the user-space compare-and-swap fails.
 *
 * The word is Linux's: 0 when free, else the owner's tid, with
 * FUTEX_WAITERS set by whoever blocks on it (so the owner's unlock comes
 * to the kernel) and FUTEX_OWNER_DIED when an owner died holding it. The
 * kernel keeps no lock object: the waiters queue on the word's key (the
 * hash of futex.c, FIFO) and remember whom they wait on (pi_owner).
 * UNLOCK_PI hands the lock to the first waiter at once (the word becomes
 * its tid | FUTEX_WAITERS, as Linux's wake_futex_pi), so a thread taking
 * the free word in user space cannot overtake it; a thread that dies
 * owning a word with waiters hands it on the same way with
 * FUTEX_OWNER_DIED added (Linux's exit_pi_state_list and
 * fixup_pi_state_owner), robust or not.
 *
 * Priority inheritance itself has nothing to do: the scheduler is round
 * robin and sched_setscheduler's priorities have no effect yet, so no
 * waiter outranks the owner it waits on.
 *
 * Every step that reads and writes the word runs with interrupts off
 * (one CPU: user space's compare-and-swap on another thread cannot come
 * between), after key_of brought its page in.
 */
#include "proc/thread_internal.h"
#include "proc/futex.h"
#include "proc/futex_internal.h"
#include "uapi/errno.h"
#include "uapi/futex.h"

/* PI waiters queued anywhere (irq-off): a thread's exit walks the hash
 * for the futexes it owns only when some exist, so pthread_join's exit
 * path pays nothing for them. */
static uint32_t pi_waiters;

/* The first thread waiting for the lock on k, or NULL. Interrupts off. */
static struct futex_waiter *pi_first(const struct futex_key *k)
{
	for (struct futex_waiter *w = *bucket(k); w; w = w->next)
		if (w->pi && key_eq(&w->key, k))
			return w;
	return NULL;
}

static int word_get(user_ptr_t uaddr, uint32_t *val)
{
	return copy_from_user(val, uaddr, sizeof(*val)) ? -EFAULT : 0;
}

static int word_set(user_ptr_t uaddr, uint32_t val)
{
	return copy_to_user(uaddr, &val, sizeof(val)) ? -EFAULT : 0;
}

/* The lock waiters on k now wait on tid. Interrupts off. */
static void reattach(const struct futex_key *k, int tid)
{
	for (struct futex_waiter *o = *bucket(k); o; o = o->next)
		if (o->pi && key_eq(&o->key, k))
			o->pi_owner = tid;
}

/* The lock on k goes to w, its first waiter: the word becomes w's tid |
 * FUTEX_WAITERS | extra, the others now wait on w. Interrupts off. */
static int hand_over(user_ptr_t uaddr, struct futex_waiter *w, uint32_t extra)
{
	int err = word_set(uaddr, (uint32_t)w->tid | FUTEX_WAITERS | extra);
	if (err)
		return err;
	dequeue(w);
	w->got_lock = true;
	reattach(&w->key, w->tid);
	wake_all(&w->wq);
	return 0;
}

/* Take the word for the caller, or queue w on it (1), or fail: Linux's
 * futex_lock_pi_atomic. FUTEX_WAITERS is set before the owner is looked
 * for, and by a trylock too, as Linux does. Interrupts off. */
static long take_or_queue(user_ptr_t uaddr, struct futex_waiter *w, bool try)
{
	uint32_t val;
	int err = word_get(uaddr, &val);
	uint32_t owner = val & FUTEX_TID_MASK;
	if (err)
		return err;
	if (owner == (uint32_t)w->tid)
		return -EDEADLK;
	if (!owner)                       /* free (its owner may have died): ours */
		return word_set(uaddr, (uint32_t)w->tid | (val & FUTEX_OWNER_DIED) |
				       (pi_first(&w->key) ? FUTEX_WAITERS : 0));
	if (!(val & FUTEX_WAITERS) && (err = word_set(uaddr, val | FUTEX_WAITERS)))
		return err;
	if (!thread_find((int)owner))
		return -ESRCH;
	if (try)
		return -EAGAIN;
	w->pi_owner = (int)owner;
	enqueue(w);
	pi_waiters++;
	return 1;
}

long futex_lock_pi(user_ptr_t uaddr, bool private, uint64_t deadline, bool try)
{
	struct futex_waiter w = { .bitset = FUTEX_BITSET_MATCH_ANY, .wq = WAIT_QUEUE_INIT, .pi = true,
				  .tid = current_thread()->tid };
	long r = key_of(uaddr, private, &w.key);
	if (r)
		return r;
	uint32_t f = irq_save();
	r = take_or_queue(uaddr, &w, try);
	if (r == 1) {
		r = wait_queued(&w, deadline);
		if (w.queued)
			dequeue(&w);
		pi_waiters--;
		if (w.got_lock)
			r = 0;                    /* handed over, whatever else came */
		else if (r == -ERESTARTSYS || r == -ERESTARTNOHAND)
			r = -ERESTARTNOINTR;      /* Linux: a lock wait always restarts */
	}
	irq_restore(f);
	return r;
}

long futex_unlock_pi(user_ptr_t uaddr, bool private)
{
	struct futex_key k;
	uint32_t val;
	long r = key_of(uaddr, private, &k);
	if (r)
		return r;
	uint32_t f = irq_save();
	r = word_get(uaddr, &val);
	if (!r && (val & FUTEX_TID_MASK) != (uint32_t)current_thread()->tid)
		r = -EPERM;
	if (!r) {
		struct futex_waiter *w = pi_first(&k);
		r = w ? hand_over(uaddr, w, 0) : word_set(uaddr, 0);
	}
	irq_restore(f);
	return r;
}

/* The dying thread t owned the word w waits on (in t's own space): w
 * gets it, FUTEX_OWNER_DIED set; unless another thread took it meanwhile,
 * whom the waiters then wait on (or nobody, if the word is gone).
 * Interrupts off. */
static void owner_gone(struct thread *t, struct futex_waiter *w)
{
	user_ptr_t uaddr = USER_PTR(w->key.addr);
	uint32_t val = 0, owner;
	int err = word_get(uaddr, &val);
	owner = val & FUTEX_TID_MASK;
	if (!err && (!owner || owner == (uint32_t)t->tid))
		err = hand_over(uaddr, w, FUTEX_OWNER_DIED);
	else
		err = -EAGAIN;
	if (err)
		reattach(&w->key, (int)owner);
}

void futex_exit_pi(struct thread *t)
{
	KASSERT(t == current_thread());
	uint32_t space = (uint32_t)t->proc->mm;
	uint32_t f = irq_save();
	for (bool again = pi_waiters != 0; again; ) {
		again = false;
		for (uint32_t b = 0; b < FUTEX_BUCKETS && !again; b++)
			for (struct futex_waiter *w = futex_bucket_head(b); w && !again; w = w->next)
				if (w->pi && w->pi_owner == t->tid && w->key.space == space) {
					owner_gone(t, w);
					again = true;     /* the list changed: from the top */
				}
	}
	irq_restore(f);
}
