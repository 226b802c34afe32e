/*
 * fs_struct.c - a process's file-system state: working directory, root
 * and umask (Linux's fs_struct). The threads of a process share one, and
 * so do the processes clone(CLONE_FS) made: chdir, chroot and umask in
 * one are seen by all. It is reference-counted by the processes using it
 * (users, interrupts off); cwd and root change only under the VFS lock
 * (chdir, chroot), under which path walks read them.
 */
#include "proc/thread_internal.h"
#include "fs/vfs.h"
#include "mm/kheap.h"
#include "uapi/errno.h"

/* A copy of from: its directories held, one user; NULL: no memory. */
static struct fs_struct *fs_copy(struct fs_struct *from)
{
	struct fs_struct *fs = kzalloc(sizeof(*fs));
	if (!fs)
		return NULL;
	fs->users = 1;
	fs->umask = from->umask;
	vfs_lock();                              /* a sharer's chdir may swap them */
	fs->cwd = from->cwd ? inode_get(from->cwd) : NULL;
	fs->root = from->root ? inode_get(from->root) : NULL;
	vfs_unlock();
	return fs;
}

int fs_fork(struct process *child, struct process *parent, bool share)
{
	struct fs_struct *fs = parent->fs;
	if (share) {
		uint32_t f = irq_save();
		fs->users++;
		irq_restore(f);
	} else if (!(fs = fs_copy(fs))) {
		return -ENOMEM;
	}
	child->fs = fs;
	return 0;
}

/* Let go of fs: the last user frees it. */
static void fs_put(struct fs_struct *fs)
{
	uint32_t f = irq_save();
	bool last = --fs->users == 0;
	irq_restore(f);
	if (!last)
		return;
	vfs_release(fs->cwd);
	vfs_release(fs->root);
	kfree(fs);
}

int fs_unshare(void)
{
	struct process *p = current_process();
	struct fs_struct *old = p->fs, *fs;
	if (old->users == 1)                     /* only our own clone adds users */
		return 0;
	if (!(fs = fs_copy(old)))
		return -ENOMEM;
	uint32_t f = irq_save();
	p->fs = fs;                              /* /proc reads it with interrupts off */
	irq_restore(f);
	fs_put(old);
	return 0;
}

void fs_release(struct process *p)
{
	struct fs_struct *fs = p->fs;
	uint32_t f = irq_save();
	p->fs = NULL;
	irq_restore(f);
	if (fs)
		fs_put(fs);
}
