/*
 * lock.c - POSIX record locks (fcntl F_GETLK, F_SETLK, F_SETLKW): byte
 * ranges of an inode, read (shared) or write (exclusive), owned by a
 * process. A process's own locks never conflict with each other: a new
 * one replaces what it overlaps, and neighbours of the same type merge,
 * as on Linux. Closing any descriptor of the file drops all the
 * process's locks on it (POSIX's rule), and so does exit.
 *
 * The lists hang off the inode (inode->locks) under the vfs lock. A
 * waiter (F_SETLKW) sleeps on one queue that every unlock wakes, with a
 * generation count so no wake-up is lost between letting go of the vfs
 * lock and sleeping; a signal ends the wait (-ERESTARTSYS, EINTR with a
 * handler). Before sleeping it follows the chain "the owner in its way
 * waits for ..." (as Linux, at most LOCK_CHAIN_MAX steps): a chain back
 * to itself is -EDEADLK.
 */
#include "fs/vfs.h"
#include "kernel/wait.h"
#include "mm/kheap.h"
#include "proc/proc.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"

#define LOCK_CHAIN_MAX 10                  /* Linux's MAX_DEADLK_ITERATIONS */
#define LOCK_WAITERS_MAX 64                /* processes blocked in F_SETLKW at once */

struct file_lock {
	int pid;                           /* the owner */
	int type;                          /* F_RDLCK or F_WRLCK */
	uint64_t start, end;               /* bytes start..end, end included; LOCK_EOF: on and on */
	struct file_lock *next;
};

/* Who waits for whom (vfs lock): the deadlock check's edges. */
static struct { int pid, blocker; } waiters[LOCK_WAITERS_MAX];
static struct wait_queue lock_wq = WAIT_QUEUE_INIT;
static uint32_t lock_gen;                  /* irq-off: bumped by every unlock */

static bool overlaps(const struct file_lock *a, uint64_t start, uint64_t end)
{
	return a->start <= end && start <= a->end;
}

/* Do the ranges overlap or touch (so that locks of one type merge)? */
static bool touches(const struct file_lock *a, uint64_t start, uint64_t end)
{
	uint64_t a_next = a->end == LOCK_EOF ? LOCK_EOF : a->end + 1;
	uint64_t next = end == LOCK_EOF ? LOCK_EOF : end + 1;
	return a->start <= next && start <= a_next;
}

/* The first lock of another owner that req conflicts with, or NULL. */
static struct file_lock *conflict(struct inode *ino, const struct vfs_lock_req *req)
{
	for (struct file_lock *l = ino->locks; l; l = l->next)
		if (l->pid != req->pid && overlaps(l, req->start, req->end) &&
		    (l->type == F_WRLCK || req->type == F_WRLCK))
			return l;
	return NULL;
}

void vfs_lock_test(struct inode *ino, struct vfs_lock_req *req)
{
	struct file_lock *l = conflict(ino, req);
	if (!l) {
		req->type = F_UNLCK;
		return;
	}
	*req = (struct vfs_lock_req){ .pid = l->pid, .type = l->type, .start = l->start, .end = l->end };
}

static void lock_unlink(struct file_lock **pp)
{
	struct file_lock *l = *pp;
	*pp = l->next;
	kfree(l);
}

/* Take what req covers out of l (its owner's, another type or F_UNLCK):
 * l shrinks, goes (false: the caller unlinks it) or splits (using *spare). */
static bool trim(struct file_lock *l, const struct vfs_lock_req *req, struct file_lock **spare)
{
	if (l->start < req->start && l->end > req->end) {
		struct file_lock *right = *spare;
		*spare = NULL;
		*right = (struct file_lock){ l->pid, l->type, req->end + 1, l->end, l->next };
		l->end = req->start - 1;
		l->next = right;
	} else if (l->start < req->start) {
		l->end = req->start - 1;
	} else if (l->end > req->end) {
		l->start = req->end + 1;
	} else {
		return false;
	}
	return true;
}

/* The owner's locks after req: merged, trimmed, req's own added. The two
 * nodes were allocated beforehand, so this cannot fail half way. */
static void apply(struct inode *ino, struct vfs_lock_req *req, struct file_lock *node, struct file_lock *spare)
{
	uint64_t start = req->start, end = req->end;
	for (struct file_lock **pp = &ino->locks; *pp; ) {
		struct file_lock *l = *pp;
		bool mine = l->pid == req->pid;
		if (mine && req->type == l->type && touches(l, req->start, req->end)) {
			start = l->start < start ? l->start : start;
			end = l->end > end ? l->end : end;
			lock_unlink(pp);
		} else if (mine && overlaps(l, req->start, req->end) && !trim(l, req, &spare)) {
			lock_unlink(pp);
		} else {
			pp = &l->next;
		}
	}
	if (req->type != F_UNLCK) {
		*node = (struct file_lock){ req->pid, req->type, start, end, ino->locks };
		ino->locks = node;
		node = NULL;
	}
	kfree(node);
	kfree(spare);
}

void vfs_lock_wake(void)
{
	uint32_t fl = irq_save();
	lock_gen++;
	wake_all(&lock_wq);
	irq_restore(fl);
}

/* The process pid waits for, or 0. */
static int blocker_of(int pid)
{
	for (int i = 0; i < LOCK_WAITERS_MAX; i++)
		if (waiters[i].pid == pid)
			return waiters[i].blocker;
	return 0;
}

/* Would waiting for owner close a circle back to pid? */
static bool would_deadlock(int pid, int owner)
{
	for (int i = 0; i < LOCK_CHAIN_MAX && owner; i++) {
		if (owner == pid)
			return true;
		owner = blocker_of(owner);
	}
	return false;
}

/* Record (blocker != 0) or forget that pid waits: -ENOLCK when full. */
static int set_waiting(int pid, int blocker)
{
	for (int i = 0; i < LOCK_WAITERS_MAX; i++)
		if (waiters[i].pid == (blocker ? 0 : pid)) {
			waiters[i].pid = blocker ? pid : 0;
			waiters[i].blocker = blocker;
			return 0;
		}
	return blocker ? -ENOLCK : 0;
}

uint32_t vfs_lock_gen(void)
{
	return lock_gen;
}

int vfs_lock_sleep(uint32_t gen)
{
	vfs_unlock();
	uint32_t fl = irq_save();
	if (gen == lock_gen && !signal_pending_current())
		wait_sleep_intr(&lock_wq);
	bool sig = signal_pending_current();
	irq_restore(fl);
	vfs_lock();
	return sig ? -ERESTARTSYS : 0;
}

int vfs_lock_set(struct inode *ino, struct vfs_lock_req *req, bool wait)
{
	struct file_lock *node = kmalloc(sizeof(*node)), *spare = kmalloc(sizeof(*spare));
	int err = node && spare ? 0 : -ENOLCK;
	struct file_lock *in_way;
	while (!err && req->type != F_UNLCK && (in_way = conflict(ino, req))) {
		if (!wait)
			err = -EAGAIN;
		else if (would_deadlock(req->pid, in_way->pid))
			err = -EDEADLK;
		else
			err = set_waiting(req->pid, in_way->pid);
		if (!err) {
			err = vfs_lock_sleep(vfs_lock_gen());
			set_waiting(req->pid, 0);
		}
	}
	if (err) {
		kfree(node);
		kfree(spare);
		return err;
	}
	apply(ino, req, node, spare);
	vfs_lock_wake();                   /* a lock shrank or changed type */
	return 0;
}

void vfs_locks_release(struct inode *ino, int pid)
{
	bool any = false;
	for (struct file_lock **pp = &ino->locks; *pp; )
		if ((*pp)->pid == pid) {
			lock_unlink(pp);
			any = true;
		} else {
			pp = &(*pp)->next;
		}
	if (any)
		vfs_lock_wake();
}

void vfs_file_closed(struct file *f)
{
	struct inode *ino = f->inode;
	if (!ino || !ino->locks)                /* the usual case: no lock taken, no vfs lock */
		return;
	vfs_lock();
	vfs_locks_release(ino, current_process()->pid);
	vfs_unlock();
}
