/*
 * inode.c - the vfs lock, inodes' lives, anonymous device numbers (see
 * vfs.h). Each device counts its inodes that something holds a reference
 * to, which is how umount knows a file system is busy, and what its files
 * take of what tmpfs limits (ENOSPC when full): page-cache frames (size=)
 * and inode slots (nr_inodes=). As Linux's shmem counts them, an inode
 * takes a slot from its making to its freeing, and each hard link of a
 * file beyond its first takes one more (tmpfs's dentries pin memory).
 */
#include "fs/chrdev.h"
#include "fs/vfs.h"
#include "kernel/panic.h"
#include "kernel/string.h"
#include "drivers/pit.h"
#include "kernel/time.h"
#include "kernel/wait.h"
#include "mm/kheap.h"
#include "mm/layout.h"
#include "uapi/errno.h"
#include "uapi/stat.h"

#define ROOT_DEV   1               /* the root tmpfs: an anonymous device (major 0) */
#define ROOT_MODE  (S_IFDIR | 0755)

/* The vfs lock: held by one thread at a time; the others sleep. */
static bool vfs_held;                      /* interrupts off */
static struct wait_queue vfs_waiters = WAIT_QUEUE_INIT;

#define ANON_DEVS  64              /* anonymous device numbers 1 .. 63 (0: none) */

static uint32_t next_ino = 1;              /* vfs lock (or boot) */
static uint64_t devs_taken = 1;            /* vfs lock (or boot): bit n: device n in use */
static uint32_t dev_held[ANON_DEVS];       /* vfs lock: inodes of each device with refs */
static uint32_t dev_writers[ANON_DEVS];    /* vfs lock: regular files open for writing on each */
static uint32_t dev_removed[ANON_DEVS];    /* vfs lock: its inodes with no name left, still held */
static uint64_t devs_watched;              /* vfs lock: bit n: tell fs/mount.c of puts on device n */
/* vfs lock: by enum dev_count, what each device's files take (frames,
 * inode slots) and its tmpfs's limit (size= in pages, nr_inodes=; 0: none) */
static uint32_t dev_used[DEV_COUNTS][ANON_DEVS];
static uint32_t dev_limit[DEV_COUNTS][ANON_DEVS];

void vfs_lock(void)
{
	uint32_t fl = irq_save();
	while (vfs_held)
		wait_sleep(&vfs_waiters);
	vfs_held = true;
	irq_restore(fl);
}

void vfs_unlock(void)
{
	uint32_t fl = irq_save();
	KASSERT(vfs_held);
	vfs_held = false;
	if (vfs_waiters.head)                    /* the call costs a read 17 instructions a time */
		wake_one(&vfs_waiters);
	irq_restore(fl);
}

/* From the tick count: 32-bit divisions while it fits (49 days), as a
 * 64-bit one calls libgcc and files are stamped on every change. */
struct vfs_time vfs_now(void)
{
	uint64_t ticks = pit_ticks();
	uint64_t sec = ticks < UINT32_MAX ? (uint32_t)ticks / PIT_HZ : ticks / PIT_HZ;
	uint32_t frac = (uint32_t)(ticks - sec * PIT_HZ);
	return (struct vfs_time){ (int64_t)(time_boot_epoch() + sec), frac * (NSEC_PER_SEC / PIT_HZ) };
}

struct inode *inode_new(uint32_t mode, const struct inode_ops *ops)
{
	struct inode *ino = kzalloc(sizeof(*ino));
	if (!ino)
		return NULL;
	ino->ino = next_ino++;
	ino->dev = ROOT_DEV;
	ino->ops = ops;
	ino->mode = mode;
	ino->atime = ino->mtime = ino->ctime = vfs_now();
	return ino;
}

uint32_t vfs_new_dev(void)
{
	for (uint32_t dev = ROOT_DEV; dev < ANON_DEVS; dev++)
		if (!(devs_taken & (1ull << dev))) {
			devs_taken |= 1ull << dev;
			dev_limit[DEV_PAGES][dev] = dev_limit[DEV_INODES][dev] = 0;   /* none yet */
			return dev;
		}
	return 0;
}

void vfs_free_dev(uint32_t dev)
{
	if (dev > ROOT_DEV && dev < ANON_DEVS)
		devs_taken &= ~(1ull << dev);
}

uint32_t vfs_dev_held(uint32_t dev)
{
	return dev < ANON_DEVS ? dev_held[dev] : 0;
}

bool vfs_dev_charge(uint32_t dev, enum dev_count c)
{
	if (dev == 0 || dev >= ANON_DEVS)
		return true;                     /* no device (all taken): not counted */
	if (dev_limit[c][dev] && dev_used[c][dev] >= dev_limit[c][dev])
		return false;
	dev_used[c][dev]++;
	return true;
}

void vfs_dev_uncharge(uint32_t dev, enum dev_count c)
{
	if (dev < ANON_DEVS && dev_used[c][dev])
		dev_used[c][dev]--;
}

void vfs_dev_set_limit(uint32_t dev, enum dev_count c, uint32_t n)
{
	if (dev > 0 && dev < ANON_DEVS)
		dev_limit[c][dev] = n;           /* below what is taken: full until it shrinks */
}

uint32_t vfs_dev_used(uint32_t dev, enum dev_count c, uint32_t *limit)
{
	*limit = dev < ANON_DEVS ? dev_limit[c][dev] : 0;
	return dev < ANON_DEVS ? dev_used[c][dev] : 0;
}

struct inode *inode_get(struct inode *ino)
{
	if (ino->refs++ == 0 && ino->dev < ANON_DEVS)
		dev_held[ino->dev]++;
	return ino;
}

void inode_maybe_free(struct inode *ino)
{
	if (ino->nlink || ino->refs)
		return;
	if (ino->removed)
		dev_removed[ino->dev]--;
	ino->ops->evict(ino);
	kfree(ino->target);
	kfree(ino);
}

uint32_t vfs_dev_writers(uint32_t dev)
{
	return dev < ANON_DEVS ? dev_writers[dev] : 0;
}

uint32_t vfs_dev_removed(uint32_t dev)
{
	return dev < ANON_DEVS ? dev_removed[dev] : 0;
}

void inode_unlinked(struct inode *ino)
{
	if (ino->nlink == 0 && ino->refs && !ino->removed && ino->dev < ANON_DEVS) {
		ino->removed = true;
		dev_removed[ino->dev]++;
	}
	inode_maybe_free(ino);
}

void vfs_dev_writers_add(uint32_t dev, int n)
{
	if (dev < ANON_DEVS)
		dev_writers[dev] += (uint32_t)n;
}

void vfs_file_inode_put(struct file *f)
{
	if (!f->inode)
		return;
	vfs_lock();
	if (f->writer)
		vfs_dev_writers_add(f->inode->dev, -1);
	inode_put(f->inode);
	vfs_unlock();
}

void vfs_dev_watch(uint32_t dev, bool on)
{
	if (dev < ANON_DEVS)
		devs_watched = on ? devs_watched | (1ull << dev) : devs_watched & ~(1ull << dev);
}

void inode_put(struct inode *ino)
{
	uint32_t dev = ino->dev;
	KASSERT(ino->refs > 0);
	if (--ino->refs == 0 && dev < ANON_DEVS)
		dev_held[dev]--;
	inode_maybe_free(ino);
	if (dev < ANON_DEVS && (devs_watched & (1ull << dev)))
		vfs_detached_put(dev);               /* perhaps the last user of a detached mount */
}

struct inode *vfs_new_fs_root(uint32_t mode)
{
	struct inode *root = tmpfs_new_inode(mode);
	if (!root)
		return NULL;
	root->dev = vfs_new_dev();
	root->accounted = vfs_dev_charge(root->dev, DEV_INODES);   /* no limit yet: taken */
	root->nlink = 2;                         /* its "." and its place at the top */
	root->parent = root;                     /* a root's ".." is itself */
	return inode_get(root);
}

void vfs_init(void)
{
	struct inode *root = vfs_new_fs_root(ROOT_MODE);
	if (!root)
		panic("vfs: no memory for the root directory");
	mount_root_init(root);
}

struct inode *vfs_root(void)
{
	vfs_lock();
	struct inode *r = inode_get(vfs_root_locked());
	vfs_unlock();
	return r;
}

void vfs_stat(const struct inode *ino, struct kstat *st)
{
	memset(st, 0, sizeof(*st));
	st->mode = ino->mode;
	st->ino = ino->ino;
	st->dev_minor = ino->dev;
	st->rdev_major = MAJOR(ino->rdev);
	st->rdev_minor = MINOR(ino->rdev);
	st->nlink = ino->nlink;
	st->uid = ino->uid;
	st->gid = ino->gid;
	st->size = ino->size;
	st->mtime_sec = (uint64_t)ino->mtime.sec;
	st->atime = ino->atime;
	st->mtime = ino->mtime;
	st->ctime = ino->ctime;
	st->blksize = PAGE_SIZE;                 /* the best read size: a page */
	/* A page cache's file: the frames it holds (a sparse file's holes
	 * take none, as tmpfs counts); anything else by its size. */
	if (S_ISREG(ino->mode) && ino->ops->page_cache)
		st->blocks = (uint64_t)ino->nframes * (PAGE_SIZE / S_BLKSIZE);
	else
		st->blocks = (ino->size + S_BLKSIZE - 1) / S_BLKSIZE;
}

struct inode *vfs_hold(struct inode *ino)
{
	if (ino) {
		vfs_lock();
		inode_get(ino);
		vfs_unlock();
	}
	return ino;
}

void vfs_release(struct inode *ino)
{
	if (ino) {
		vfs_lock();
		inode_put(ino);
		vfs_unlock();
	}
}

struct inode *vfs_area_hold(struct inode *ino, bool writer)
{
	if (ino) {
		vfs_lock();
		inode_get(ino);
		if (writer)
			vfs_dev_writers_add(ino->dev, 1);
		vfs_unlock();
	}
	return ino;
}

void vfs_area_release(struct inode *ino, bool writer)
{
	if (ino) {
		vfs_lock();
		if (writer)
			vfs_dev_writers_add(ino->dev, -1);
		inode_put(ino);
		vfs_unlock();
	}
}
