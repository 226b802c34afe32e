/*
 * tmpfs.c - the RAM file system (see vfs.h): directories are lists of
 * entries, a file's data is its page cache (fs/pagecache.c) and nothing
 * else: frames it owns, one per page, given back to the frame stack when
 * the file shrinks or the inode is freed. Every function runs with the
 * vfs lock held.
 */
#include "fs/pipe.h"
#include "fs/vfs.h"
#include "kernel/string.h"
#include "mm/kheap.h"
#include "mm/layout.h"
#include "mm/tmt.h"
#include "uapi/errno.h"
#include "uapi/stat.h"


static const struct inode_ops tmpfs_ops;

struct inode *tmpfs_new_inode(uint32_t mode)
{
	return inode_new(mode, &tmpfs_ops);
}

#define ANON_MODE (S_IFREG | 0600)         /* shared anonymous memory's nameless file */

struct inode *vfs_anon_inode(uint32_t size)
{
	vfs_lock();
	struct inode *ino = tmpfs_new_inode(ANON_MODE);
	if (ino) {
		ino->size = size;
		inode_get(ino);
	}
	vfs_unlock();
	return ino;
}

static struct dentry *tmpfs_lookup(struct inode *dir, const char *name, uint32_t len)
{
	for (struct dentry *d = dir->entries; d; d = d->next)
		if (d->len == len && memcmp(d->name, name, len) == 0)
			return d;
	return NULL;
}

static int tmpfs_link(struct inode *dir, const char *name, uint32_t len, struct inode *ino)
{
	struct dentry *d = kmalloc(sizeof(*d));
	char *copy = kmalloc((len + 4) & ~3u);   /* whole words: getdents copies it so */
	if (!d || !copy) {
		kfree(d);
		kfree(copy);
		return -ENOMEM;
	}
	memcpy(copy, name, len);
	copy[len] = '\0';
	/* At the end: readdir offsets stay put. */
	struct dentry **tail = dir->entries_tail ? dir->entries_tail : &dir->entries;
	*d = (struct dentry){ .name = copy, .len = len, .inode = ino, .next = NULL };
	*tail = d;
	dir->entries_tail = &d->next;
	ino->nlink++;
	dir->mtime = dir->ctime = vfs_now();
	return 0;
}

static void tmpfs_unlink(struct inode *dir, struct dentry *d)
{
	struct dentry **pp = &dir->entries;
	while (*pp != d)
		pp = &(*pp)->next;
	*pp = d->next;
	if (!d->next)
		dir->entries_tail = pp;              /* the last one went */
	dir->dir_gen++;                          /* readdir cursors may point at d */
	d->inode->nlink--;
	d->inode->ctime = dir->mtime = dir->ctime = vfs_now();
	kfree(d->name);
	kfree(d);
}

static long tmpfs_read(struct inode *ino, void *buf, uint32_t n, uint64_t off)
{
	if (off >= ino->size)
		return 0;
	if (n > ino->size - off)
		n = (uint32_t)(ino->size - off);
	ino->atime = vfs_now();
	return pagecache_io(ino, buf, n, off, false);
}

static long tmpfs_write(struct inode *ino, const void *buf, uint32_t n, uint64_t off)
{
	if (off >= PAGECACHE_MAX_SIZE)
		return -EFBIG;
	if (n > PAGECACHE_MAX_SIZE - off)
		n = (uint32_t)(PAGECACHE_MAX_SIZE - off);   /* short, as Linux */
	if (n == 0)
		return 0;
	pagecache_write_begin(ino, off);
	long r = pagecache_io(ino, (void *)buf, n, off, true);
	if (r > 0 && off + (uint64_t)r > ino->size)
		ino->size = off + (uint64_t)r;
	if (r > 0)
		ino->mtime = ino->ctime = vfs_now();
	return r;
}

static int tmpfs_truncate(struct inode *ino, uint64_t size)
{
	if (size > PAGECACHE_MAX_SIZE)
		return -EFBIG;
	if (size < ino->size)
		inode_truncate_pages(ino, size);
	else
		pagecache_write_begin(ino, size);
	ino->size = size;
	ino->mtime = ino->ctime = vfs_now();
	return 0;
}

static void tmpfs_evict(struct inode *ino)
{
	if (ino->accounted)
		vfs_dev_uncharge(ino->dev, DEV_INODES);   /* its nr_inodes= slot */
	if (S_ISFIFO(ino->mode) && ino->priv)
		pipe_fifo_free(ino->priv);
	pagecache_evict(ino);
	while (ino->entries)                     /* a removed directory is empty: none */
		tmpfs_unlink(ino, ino->entries);
}

static const struct inode_ops tmpfs_ops = {
	.lookup = tmpfs_lookup, .link = tmpfs_link, .unlink = tmpfs_unlink,
	.read = tmpfs_read, .write = tmpfs_write, .truncate = tmpfs_truncate,
	.evict = tmpfs_evict, .page_cache = true,
};
