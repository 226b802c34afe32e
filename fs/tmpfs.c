/*
 * tmpfs.c - the RAM file system (see vfs.h): directories are lists of
 * entries, a file's data lives in frames it owns, one per page, found by
 * page number in pages[] (a hole is FRAME_NONE and reads as zeros). The
 * frames go back to the frame stack when the file shrinks or the inode
 * is freed. Every function runs with the vfs lock held.
 */
#include "fs/vfs.h"
#include "kernel/string.h"
#include "mm/kheap.h"
#include "mm/layout.h"
#include "mm/tmt.h"
#include "uapi/errno.h"
#include "uapi/stat.h"

#define TMPFS_MAX_SIZE   0x7fffffffull     /* a file's size (pages[] is indexed by 32 bits) */

static const struct inode_ops tmpfs_ops;

struct inode *tmpfs_new_inode(uint32_t mode)
{
	return inode_new(mode, &tmpfs_ops);
}

static struct dentry *tmpfs_lookup(struct inode *dir, const char *name, uint32_t len)
{
	for (struct dentry *d = dir->entries; d; d = d->next)
		if (strncmp(d->name, name, len) == 0 && d->name[len] == '\0')
			return d;
	return NULL;
}

static int tmpfs_link(struct inode *dir, const char *name, uint32_t len, struct inode *ino)
{
	struct dentry *d = kmalloc(sizeof(*d));
	char *copy = kmalloc(len + 1);
	if (!d || !copy) {
		kfree(d);
		kfree(copy);
		return -ENOMEM;
	}
	memcpy(copy, name, len);
	copy[len] = '\0';
	struct dentry **tail = &dir->entries;    /* at the end: readdir offsets stay put */
	while (*tail)
		tail = &(*tail)->next;
	*d = (struct dentry){ .name = copy, .inode = ino, .next = NULL };
	*tail = d;
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
	d->inode->nlink--;
	d->inode->ctime = dir->mtime = dir->ctime = vfs_now();
	kfree(d->name);
	kfree(d);
}

/* Copy between buf and the part [in, in+n) of page pg (a hole: zeros / a new frame). */
static int page_io(struct inode *ino, uint32_t pg, uint32_t in, void *buf, uint32_t n, bool write)
{
	paddr_t pa = pg < ino->npages ? ino->pages[pg] : FRAME_NONE;
	if (!write && pa == FRAME_NONE) {
		memset(buf, 0, n);
		return 0;
	}
	if (pa == FRAME_NONE) {
		pa = frame_alloc();
		if (pa == FRAME_NONE)
			return -ENOSPC;
		frame_zero(pa);
		ino->pages[pg] = pa;
	}
	uint8_t *p = tmt_map(pa);
	if (write)
		memcpy(p + in, buf, n);
	else
		memcpy(buf, p + in, n);
	tmt_unmap(p);
	return 0;
}

/* Room in pages[] for page numbers below want (doubling). */
static int grow_pages(struct inode *ino, uint32_t want)
{
	if (want <= ino->npages)
		return 0;
	uint32_t n = ino->npages ? ino->npages : 4;
	while (n < want)
		n *= 2;
	paddr_t *p = kzalloc(n * sizeof(*p));
	if (!p)
		return -ENOSPC;
	if (ino->pages)
		memcpy(p, ino->pages, ino->npages * sizeof(*p));
	kfree(ino->pages);
	ino->pages = p;
	ino->npages = n;
	return 0;
}

/* Move n bytes at off between buf and the file, page by page: the count. */
static long tmpfs_io(struct inode *ino, void *buf, uint32_t n, uint64_t off, bool write)
{
	uint32_t done = 0;
	while (done < n) {
		uint64_t at = off + done;
		uint32_t in = (uint32_t)(at % PAGE_SIZE);
		uint32_t chunk = PAGE_SIZE - in < n - done ? PAGE_SIZE - in : n - done;
		int err = page_io(ino, (uint32_t)(at / PAGE_SIZE), in, (uint8_t *)buf + done, chunk, write);
		if (err)
			return done ? (long)done : err;
		done += chunk;
	}
	return done;
}

static long tmpfs_read(struct inode *ino, void *buf, uint32_t n, uint64_t off)
{
	if (off >= ino->size)
		return 0;
	if (n > ino->size - off)
		n = (uint32_t)(ino->size - off);
	ino->atime = vfs_now();
	return tmpfs_io(ino, buf, n, off, false);
}

static long tmpfs_write(struct inode *ino, const void *buf, uint32_t n, uint64_t off)
{
	if (off >= TMPFS_MAX_SIZE || n > TMPFS_MAX_SIZE - off)
		return -EFBIG;
	if (n == 0)
		return 0;
	if (grow_pages(ino, (uint32_t)((off + n + PAGE_SIZE - 1) / PAGE_SIZE)))
		return -ENOSPC;
	long r = tmpfs_io(ino, (void *)buf, n, off, true);
	if (r > 0 && off + (uint64_t)r > ino->size)
		ino->size = off + (uint64_t)r;
	if (r > 0)
		ino->mtime = ino->ctime = vfs_now();
	return r;
}

/* Free the frames of pages from first on. */
static void drop_pages(struct inode *ino, uint32_t first)
{
	for (uint32_t pg = first; pg < ino->npages; pg++)
		if (ino->pages[pg] != FRAME_NONE) {
			frame_free(ino->pages[pg]);
			ino->pages[pg] = FRAME_NONE;
		}
}

static int tmpfs_truncate(struct inode *ino, uint64_t size)
{
	if (size > TMPFS_MAX_SIZE)
		return -EFBIG;
	if (size < ino->size) {
		drop_pages(ino, (uint32_t)((size + PAGE_SIZE - 1) / PAGE_SIZE));
		uint32_t in = (uint32_t)(size % PAGE_SIZE), pg = (uint32_t)(size / PAGE_SIZE);
		if (in && pg < ino->npages && ino->pages[pg] != FRAME_NONE) {
			uint8_t *p = tmt_map(ino->pages[pg]);   /* the tail reads as zeros again */
			memset(p + in, 0, PAGE_SIZE - in);
			tmt_unmap(p);
		}
	}
	ino->size = size;
	ino->mtime = ino->ctime = vfs_now();
	return 0;
}

static void tmpfs_evict(struct inode *ino)
{
	drop_pages(ino, 0);
	kfree(ino->pages);
	while (ino->entries)                     /* a removed directory is empty: none */
		tmpfs_unlink(ino, ino->entries);
}

static const struct inode_ops tmpfs_ops = {
	.lookup = tmpfs_lookup, .link = tmpfs_link, .unlink = tmpfs_unlink,
	.read = tmpfs_read, .write = tmpfs_write, .truncate = tmpfs_truncate,
	.evict = tmpfs_evict,
};
