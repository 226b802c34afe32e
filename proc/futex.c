/*
 * futex.c - fast user-space mutexes: sleeping on a word of user memory
 * until someone wakes its sleepers (futex, futex_time64), and the robust
 * futex list (set_robust_list, get_robust_list, walked when a thread dies).
 *
 * A futex is named by a key: the word's address in its mm for private
 * memory, or the physical address of the word for a MAP_SHARED area (two
 * processes mapping one frame at different addresses meet there). Without
 * FUTEX_PRIVATE_FLAG the area is looked up to choose; with it the key is
 * always (mm, address), as Linux's.
 *
 * Waiters sit in a small hash of FIFO lists, each on its own wait queue
 * (struct futex_waiter lives on the waiter's kernel stack). Locking: the
 * lists and every waiter's queued/key/next are guarded by interrupts off
 * (one CPU). The key is found first (it may sleep on the mm's lock),
 * then the value check and the queueing happen in one irq-off section, so
 * a waker that changes the word and then wakes cannot slip in between: no
 * wake-up is lost. The word's page was brought in just before, so that
 * section takes no fault (unless another thread unmapped it meanwhile).
 * The priority-inheritance operations are in proc/futex_pi.c.
 */
#include "proc/thread_internal.h"
#include "proc/futex.h"
#include "proc/futex_internal.h"
#include "drivers/pit.h"
#include "gen/syscalls.h"
#include "kernel/time.h"
#include "mm/uvm.h"
#include "mm/vmm.h"
#include "uapi/errno.h"
#include "uapi/futex.h"

#define GOLDEN_RATIO_32  0x61c88647u  /* Linux's hash_32 multiplier */
#define NSEC_PER_TICK    (NSEC_PER_SEC / PIT_HZ)
#define OPARG_BITS       12           /* FUTEX_WAKE_OP's oparg and cmparg are 12-bit signed */

static struct futex_waiter *buckets[FUTEX_BUCKETS];   /* irq-off: FIFO lists */

/* --- keys and buckets --- */

struct futex_waiter **bucket(const struct futex_key *k)
{
	return &buckets[((k->addr >> 2) ^ k->space) * GOLDEN_RATIO_32 >> (32 - FUTEX_HASH_BITS)];
}

struct futex_waiter *futex_bucket_head(uint32_t b)
{
	KASSERT(b < FUTEX_BUCKETS && !irqs_enabled());
	return buckets[b];
}

bool key_eq(const struct futex_key *a, const struct futex_key *b)
{
	return a->space == b->space && a->addr == b->addr;
}

/* The key of the word at uaddr, which has just been read (so its page is
 * there): 0, -EINVAL (misaligned) or -EFAULT. */
static int futex_key(user_ptr_t uaddr, bool private, struct futex_key *k)
{
	struct mm *mm = current_process()->mm;
	if (uaddr.addr % sizeof(uint32_t))
		return -EINVAL;
	*k = (struct futex_key){ (uint32_t)mm, uaddr.addr };
	if (private || !mm)
		return 0;
	sleeplock_acquire(&mm->lock);
	struct vma *v = mm_find_area(mm, uaddr.addr);
	bool shared = v && v->shared;
	sleeplock_release(&mm->lock);
	paddr_t pa;
	if (shared && !vmm_translate(uaddr.addr, &pa, NULL))
		return -EFAULT;
	if (shared)
		*k = (struct futex_key){ KEY_PHYS, pa };
	return 0;
}

void enqueue(struct futex_waiter *w)
{
	struct futex_waiter **pp = bucket(&w->key);
	while (*pp)
		pp = &(*pp)->next;
	w->next = NULL;
	*pp = w;
	w->queued = true;
}

void dequeue(struct futex_waiter *w)
{
	for (struct futex_waiter **pp = bucket(&w->key); *pp; pp = &(*pp)->next)
		if (*pp == w) {
			*pp = w->next;
			break;
		}
	w->queued = false;
}

/* Wake the waiters on k whose bitset meets bitset: as Linux, at least one
 * is woken even when n <= 0. How many woke. Interrupts off. */
static int wake_key(const struct futex_key *k, uint32_t bitset, int n)
{
	int woken = 0;
	for (struct futex_waiter **pp = bucket(k), *w; (w = *pp); ) {
		if (!key_eq(&w->key, k) || !(w->bitset & bitset)) {
			pp = &w->next;
			continue;
		}
		*pp = w->next;
		w->queued = false;
		wake_all(&w->wq);
		if (++woken >= n)
			break;
	}
	return woken;
}

/* --- waiting --- */

/* Sleep until woken, the deadline tick (0: none) or a signal. */
long wait_queued(struct futex_waiter *w, uint64_t deadline)
{
	while (w->queued) {
		if (signal_pending_current())
			return deadline ? -ERESTARTNOHAND : -ERESTARTSYS;
		uint64_t now = pit_ticks();
		if (deadline && now >= deadline)
			return -ETIMEDOUT;
		wait_sleep_timeout_intr(&w->wq, deadline ? deadline - now : 0);
	}
	return 0;
}

/* The key of the word at uaddr, with its page brought in first (a shared
 * key names the frame). It may sleep (the mm's lock): before any irq-off
 * section. 0 or -errno. */
int key_of(user_ptr_t uaddr, bool private, struct futex_key *k)
{
	uint32_t word;
	return copy_from_user(&word, uaddr, sizeof(word)) ?: futex_key(uaddr, private, k);
}

/* A waker's key: a private one needs no page (Linux reads nothing). */
static int wake_key_of(user_ptr_t uaddr, bool private, struct futex_key *k)
{
	return private ? futex_key(uaddr, true, k) : key_of(uaddr, false, k);
}

static long futex_wait(user_ptr_t uaddr, bool private, uint32_t val, uint32_t bitset,
		       uint64_t deadline)
{
	struct futex_waiter w = { .bitset = bitset, .wq = WAIT_QUEUE_INIT };
	uint32_t cur;
	if (!bitset)
		return -EINVAL;
	long r = key_of(uaddr, private, &w.key);
	if (r)
		return r;
	/* The check that counts and the queueing: no waker in between. */
	uint32_t f = irq_save();
	r = copy_from_user(&cur, uaddr, sizeof(cur));
	if (!r && cur != val)
		r = -EAGAIN;
	if (!r) {
		enqueue(&w);
		r = wait_queued(&w, deadline);
		if (w.queued)
			dequeue(&w);
	}
	irq_restore(f);
	return r;
}

/* --- waking --- */

static long futex_wake(user_ptr_t uaddr, bool private, int n, uint32_t bitset)
{
	struct futex_key k;
	if (!bitset)
		return -EINVAL;
	long r = wake_key_of(uaddr, private, &k);
	if (r)
		return r;
	uint32_t f = irq_save();
	r = wake_key(&k, bitset, n);
	irq_restore(f);
	return r;
}

int futex_wake_shared(user_ptr_t uaddr, int n)
{
	long r = futex_wake(uaddr, false, n, FUTEX_BITSET_MATCH_ANY);
	return r < 0 ? 0 : (int)r;
}

/* Wake nwake waiters on k1, move up to nmove others to k2 (Linux's
 * futex_requeue): how many were woken or moved. Interrupts off. */
static int requeue(const struct futex_key *k1, const struct futex_key *k2, int nwake, int nmove)
{
	int woken = 0, moved = 0;
	struct futex_waiter *w, **pp = bucket(k1);
	while ((w = *pp) && (woken < nwake || moved < nmove)) {
		if (!key_eq(&w->key, k1)) {
			pp = &w->next;
			continue;
		}
		*pp = w->next;
		if (woken < nwake) {
			w->queued = false;
			wake_all(&w->wq);
			woken++;
		} else {
			w->key = *k2;
			enqueue(w);
			moved++;
		}
	}
	return woken + moved;
}

static long futex_requeue(user_ptr_t u1, user_ptr_t u2, bool private, int nwake, int nmove,
			  bool cmp, uint32_t val3)
{
	struct futex_key k1, k2;
	uint32_t cur;
	if (nwake < 0 || nmove < 0)
		return -EINVAL;
	long r = key_of(u1, private, &k1) ?: wake_key_of(u2, private, &k2);
	if (r)
		return r;
	uint32_t f = irq_save();
	r = cmp ? copy_from_user(&cur, u1, sizeof(cur)) : 0;
	if (!r && cmp && cur != val3)
		r = -EAGAIN;
	if (!r)
		r = requeue(&k1, &k2, nwake, nmove);
	irq_restore(f);
	return r;
}

/* --- FUTEX_WAKE_OP --- */

static int32_t sign_extend12(uint32_t v)
{
	return (int32_t)(v << (32 - OPARG_BITS)) >> (32 - OPARG_BITS);
}

/* The new value of the word, or -ENOSYS for an unknown op. */
static int op_apply(uint32_t op, uint32_t old, int32_t oparg, uint32_t *out)
{
	switch (op) {
	case FUTEX_OP_SET:  *out = (uint32_t)oparg; return 0;
	case FUTEX_OP_ADD:  *out = old + (uint32_t)oparg; return 0;
	case FUTEX_OP_OR:   *out = old | (uint32_t)oparg; return 0;
	case FUTEX_OP_ANDN: *out = old & ~(uint32_t)oparg; return 0;
	case FUTEX_OP_XOR:  *out = old ^ (uint32_t)oparg; return 0;
	}
	return -ENOSYS;
}

/* 1 if old compares true with cmparg, 0 if not, -ENOSYS for an unknown cmp. */
static int op_compare(uint32_t cmp, int32_t old, int32_t cmparg)
{
	switch (cmp) {
	case FUTEX_OP_CMP_EQ: return old == cmparg;
	case FUTEX_OP_CMP_NE: return old != cmparg;
	case FUTEX_OP_CMP_LT: return old < cmparg;
	case FUTEX_OP_CMP_LE: return old <= cmparg;
	case FUTEX_OP_CMP_GT: return old > cmparg;
	case FUTEX_OP_CMP_GE: return old >= cmparg;
	}
	return -ENOSYS;
}

/* The encoded operation on the word at uaddr, atomically (interrupts off):
 * the comparison's result, or -errno. */
static int atomic_op(user_ptr_t uaddr, uint32_t encoded)
{
	uint32_t op = (encoded >> 28) & 7, cmp = (encoded >> 24) & 15, old, new;
	int32_t oparg = sign_extend12(encoded >> 12), cmparg = sign_extend12(encoded);
	if (encoded & (FUTEX_OP_OPARG_SHIFT << 28))
		oparg = (int32_t)(1u << (oparg & 31));
	if (uaddr.addr % sizeof(uint32_t))
		return -EINVAL;
	/* As Linux, the word is changed before the comparison is decoded. */
	int err = copy_from_user(&old, uaddr, sizeof(old));
	err = err ?: op_apply(op, old, oparg, &new);
	err = err ?: copy_to_user(uaddr, &new, sizeof(new));
	return err ?: op_compare(cmp, (int32_t)old, cmparg);
}

static long futex_wake_op(user_ptr_t u1, user_ptr_t u2, bool private, int n1, int n2, uint32_t encoded)
{
	struct futex_key k1, k2;
	long r = wake_key_of(u1, private, &k1) ?: key_of(u2, private, &k2);
	if (r)
		return r;
	uint32_t f = irq_save();
	r = atomic_op(u2, encoded);
	if (r >= 0) {
		int woken = wake_key(&k1, FUTEX_BITSET_MATCH_ANY, n1);
		if (r > 0)
			woken += wake_key(&k2, FUTEX_BITSET_MATCH_ANY, n2);
		r = woken;
	}
	irq_restore(f);
	return r;
}

/* --- the system calls --- */

/* The deadline tick for a timeout at abs_ns on the clock (never early:
 * rounded up, plus the tick under way), or 1 when it has passed. */
static uint64_t deadline_tick(uint64_t abs_ns, bool realtime)
{
	uint64_t now = realtime ? time_realtime_ns() : time_monotonic_ns();
	if (abs_ns <= now)
		return 1;
	return pit_ticks() + (abs_ns - now + NSEC_PER_TICK - 1) / NSEC_PER_TICK + 1;
}

/* The user's timeout as a deadline tick: relative for FUTEX_WAIT, absolute
 * for FUTEX_WAIT_BITSET (on CLOCK_REALTIME with FUTEX_CLOCK_REALTIME, else
 * CLOCK_MONOTONIC). 0: none. */
static int read_timeout(user_ptr_t ut, bool wide, int cmd, bool realtime, uint64_t *deadline)
{
	uint64_t ns;
	*deadline = 0;
	if (user_ptr_null(ut))
		return 0;
	int err = (int)timespec_from_user(ut, &ns, wide);
	if (err)
		return err;
	if (cmd == FUTEX_WAIT)
		ns += realtime ? time_realtime_ns() : time_monotonic_ns();
	*deadline = deadline_tick(ns, realtime);
	return 0;
}

static long do_futex(user_ptr_t uaddr, int op, uint32_t val, user_ptr_t utime,
		     user_ptr_t uaddr2, uint32_t val3, bool wide)
{
	int cmd = op & FUTEX_CMD_MASK;
	bool private = op & FUTEX_PRIVATE_FLAG, realtime = op & FUTEX_CLOCK_REALTIME;
	uint32_t val2 = utime.addr;            /* the requeue and wake_op count */
	uint64_t deadline;
	if (realtime && cmd != FUTEX_WAIT && cmd != FUTEX_WAIT_BITSET && cmd != FUTEX_LOCK_PI2 &&
	    cmd != FUTEX_WAIT_REQUEUE_PI)
		return -ENOSYS;
	switch (cmd) {
	case FUTEX_WAIT:
		val3 = FUTEX_BITSET_MATCH_ANY;
		/* fall through */
	case FUTEX_WAIT_BITSET:
		return read_timeout(utime, wide, cmd, realtime, &deadline) ?:
		       futex_wait(uaddr, private, val, val3, deadline);
	case FUTEX_WAKE:
		val3 = FUTEX_BITSET_MATCH_ANY;
		/* fall through */
	case FUTEX_WAKE_BITSET:
		return futex_wake(uaddr, private, (int)val, val3);
	case FUTEX_REQUEUE:
	case FUTEX_CMP_REQUEUE:
		return futex_requeue(uaddr, uaddr2, private, (int)val, (int)val2,
				     cmd == FUTEX_CMP_REQUEUE, val3);
	case FUTEX_WAKE_OP:
		return futex_wake_op(uaddr, uaddr2, private, (int)val, (int)val2, val3);
	case FUTEX_LOCK_PI:                    /* its deadline: CLOCK_REALTIME, always */
	case FUTEX_LOCK_PI2:
		return read_timeout(utime, wide, cmd, realtime || cmd == FUTEX_LOCK_PI, &deadline) ?:
		       futex_lock_pi(uaddr, private, deadline, false);
	case FUTEX_TRYLOCK_PI:
		return futex_lock_pi(uaddr, private, 0, true);
	case FUTEX_UNLOCK_PI:
		return futex_unlock_pi(uaddr, private);
	case FUTEX_WAIT_REQUEUE_PI:
		return uaddr.addr == uaddr2.addr || !val3 ? -EINVAL : -ENOSYS;
	case FUTEX_CMP_REQUEUE_PI:
		return uaddr.addr == uaddr2.addr || val != 1 ? -EINVAL : -ENOSYS;
	}
	return -ENOSYS;                        /* FUTEX_FD */
}

long sys_futex(user_ptr_t uaddr, int op, uint32_t val, user_ptr_t utime, user_ptr_t uaddr2,
	       uint32_t val3)
{
	return do_futex(uaddr, op, val, utime, uaddr2, val3, false);
}

long sys_futex_time64(user_ptr_t uaddr, int op, uint32_t val, user_ptr_t utime,
		      user_ptr_t uaddr2, uint32_t val3)
{
	return do_futex(uaddr, op, val, utime, uaddr2, val3, true);
}

/* --- robust futexes --- */

long sys_set_robust_list(user_ptr_t head, size_t len)
{
	if (len != sizeof(struct robust_list_head))
		return -EINVAL;
	current_thread()->robust_list = head;
	return 0;
}

long sys_get_robust_list(int pid, user_ptr_t head_ptr, user_ptr_t len_ptr)
{
	uint32_t len = sizeof(struct robust_list_head), head;
	uint32_t f = irq_save();
	struct thread *t = pid ? thread_find(pid) : current_thread();
	head = t ? t->robust_list.addr : 0;
	irq_restore(f);
	if (!t)
		return -ESRCH;
	if (copy_to_user(len_ptr, &len, sizeof(len)) || copy_to_user(head_ptr, &head, sizeof(head)))
		return -EFAULT;
	return 0;
}

/* The word at uaddr was held by the dying thread tid: mark it, wake one
 * waiter (Linux's handle_futex_death). pending: the entry the thread was
 * in the middle of taking or giving, whose word may be 0. */
static void owner_died(uint32_t uaddr, int tid, bool pi, bool pending)
{
	uint32_t word, mark;
	if (uaddr % sizeof(uint32_t))
		return;
	uint32_t f = irq_save();
	if (copy_from_user(&word, USER_PTR(uaddr), sizeof(word)) == 0) {
		if (pending && !pi && !word) {
			futex_wake_shared(USER_PTR(uaddr), 1);
		} else if ((word & FUTEX_TID_MASK) == (uint32_t)tid) {
			mark = (word & FUTEX_WAITERS) | FUTEX_OWNER_DIED;
			if (copy_to_user(USER_PTR(uaddr), &mark, sizeof(mark)) == 0 && !pi &&
			    (word & FUTEX_WAITERS))
				futex_wake_shared(USER_PTR(uaddr), 1);
		}
	}
	irq_restore(f);
}

void futex_exit_robust_list(struct thread *t)
{
	struct robust_list_head h;
	uint32_t head = t->robust_list.addr, entry, next;
	if (!head || copy_from_user(&h, t->robust_list, sizeof(h)))
		return;
	uint32_t pending = h.list_op_pending & ~1u;
	entry = h.list_next;
	for (int limit = ROBUST_LIST_LIMIT; (entry & ~1u) != head && limit > 0; limit--) {
		if (copy_from_user(&next, USER_PTR(entry & ~1u), sizeof(next)))
			return;
		if ((entry & ~1u) != pending)
			owner_died((entry & ~1u) + (uint32_t)h.futex_offset, t->tid, entry & 1, false);
		entry = next;
	}
	if (pending)
		owner_died(pending + (uint32_t)h.futex_offset, t->tid, h.list_op_pending & 1, true);
	t->robust_list = USER_PTR(0);
}
