/*
 * flock.c - flock(2): a whole-file lock, shared (LOCK_SH) or exclusive
 * (LOCK_EX), owned by an open file (every descriptor dup or fork made of
 * it), not by a process as fcntl's record locks are; the two kinds never
 * see each other, as on Linux. A file holds at most one flock lock on its
 * inode: asking for the other kind converts it, which, as on Linux, lets
 * go of the old one first (a waiter may get in between). LOCK_UN, or the
 * last reference to the open file going, lets it go.
 *
 * The locks hang off the inode (inode->flocks) under the vfs lock; the
 * open file says whether it holds one (file->flock_held), so that closing
 * a file that never locked costs nothing. A waiter sleeps on the record
 * locks' queue (fs/lock.c), which every unlock of either kind wakes.
 */
#include "fs/fd.h"
#include "fs/vfs.h"
#include "mm/kheap.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"

struct flock_lock {
	struct file *owner;             /* the open file (not a reference: it
					   takes the lock away before it goes) */
	int type;                       /* LOCK_SH or LOCK_EX */
	struct flock_lock *next;
};

static struct flock_lock **find_own(struct inode *ino, const struct file *f)
{
	struct flock_lock **pp = &ino->flocks;
	while (*pp && (*pp)->owner != f)
		pp = &(*pp)->next;
	return pp;
}

static bool in_the_way(const struct inode *ino, const struct file *f, int type)
{
	for (const struct flock_lock *l = ino->flocks; l; l = l->next)
		if (l->owner != f && (l->type == LOCK_EX || type == LOCK_EX))
			return true;
	return false;
}

/* f lets go of its lock on ino, if it has one; the lock is held. */
static void unlock(struct inode *ino, struct file *f)
{
	struct flock_lock **pp = find_own(ino, f), *l = *pp;
	if (!l)
		return;
	*pp = l->next;
	kfree(l);
	f->flock_held = false;
	vfs_lock_wake();
}

/* Take a lock of type for f (node: a fresh one, used or freed): 0,
 * -EAGAIN, which is EWOULDBLOCK (nowait), -ERESTARTSYS (a signal while waiting). */
static int lock(struct inode *ino, struct file *f, int type, bool nowait, struct flock_lock *node)
{
	struct flock_lock *own = *find_own(ino, f);
	int err = 0;
	if (own && own->type == type) {
		kfree(node);
		return 0;
	}
	unlock(ino, f);                          /* a conversion: the old one first */
	while (!err && in_the_way(ino, f, type))
		err = nowait ? -EAGAIN : vfs_lock_sleep(vfs_lock_gen());
	if (err) {
		kfree(node);
		return err;
	}
	unlock(ino, f);                          /* another thread of ours locked f meanwhile */
	*node = (struct flock_lock){ f, type, ino->flocks };
	ino->flocks = node;
	f->flock_held = true;
	return 0;
}

long sys_flock(unsigned int fd, unsigned int op)
{
	struct file *f = fd_file(fd);
	unsigned type = op & ~(unsigned)LOCK_NB;
	if (!f)
		return -EBADF;
	if (type != LOCK_SH && type != LOCK_EX && type != LOCK_UN)
		return -EINVAL;
	struct inode *ino = f->inode;
	if (!ino)                                /* a pipe: no one else can name it to lock it */
		return 0;
	struct flock_lock *node = type == LOCK_UN ? NULL : kmalloc(sizeof(*node));
	if (type != LOCK_UN && !node)
		return -ENOLCK;
	file_get(f);                             /* a thread may close fd while this waits */
	vfs_lock();
	long err = 0;
	if (type == LOCK_UN)
		unlock(ino, f);
	else
		err = lock(ino, f, (int)type, op & LOCK_NB, node);
	vfs_unlock();
	file_put(f);
	return err;
}

void vfs_flock_release(struct file *f)
{
	if (!f->flock_held)                      /* never locked: no vfs lock needed */
		return;
	vfs_lock();
	unlock(f->inode, f);
	vfs_unlock();
}
