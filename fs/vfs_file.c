/*
 * vfs_file.c - open files on inodes (see vfs.h): the file's offset and
 * status flags are the struct file's, shared by every descriptor dup and
 * fork make of it; reads and writes move the offset under the vfs lock,
 * so two holders never use the same bytes of it.
 */
#include "fs/chrdev.h"
#include "fs/pipe.h"
#include "fs/vfs.h"
#include "kernel/string.h"
#include "mm/kheap.h"
#include "mm/layout.h"
#include "mm/uvm.h"
#include "proc/cred.h"
#include "proc/proc.h"
#include "uapi/dirent.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/resource.h"
#include "uapi/signal.h"
#include "uapi/stat.h"

/* What the file remembers (F_GETFL): all but the creation flags, as Linux. */
#define OPEN_DROPPED_FLAGS (O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_CLOEXEC)
#define DIR_POS_DOT     0                      /* getdents offsets: ".", "..", then entries */
#define DIR_POS_DOTDOT  1
#define DIR_POS_FIRST   2

/* "." and "..": a whole word, as getdents copies names a word at a time. */
static const char dots[4] = "..";

static bool may_read(const struct file *f) { return (f->flags & O_ACCMODE) != O_WRONLY; }
static bool may_write(const struct file *f) { return (f->flags & O_ACCMODE) != O_RDONLY; }

/* RLIMIT_FSIZE on a write of *n bytes at off: -EFBIG at or past it
 * (SIGXFSZ unless a first chunk said so already), *n cut short across it. */
static int fsize_check(uint64_t off, uint32_t *n, unsigned io)
{
	uint64_t lim = rlimit_cur(RLIMIT_FSIZE);
	if (lim == RLIM64_INFINITY || *n == 0)
		return 0;
	if (off >= lim) {
		if (!(io & IO_CONTINUED))
			signal_raise(SIGXFSZ);
		return -EFBIG;
	}
	if (*n > lim - off)
		*n = (uint32_t)(lim - off);
	return 0;
}

/* ino's size is now size, from old: a reference to it when pages a
 * process maps may lie past the new end (vfs_truncate_unmap's work). */
static struct inode *truncated(struct inode *ino, uint64_t old, uint64_t size)
{
	uint64_t end = page_up64(size);
	return ino->mapped && end < page_up64(old) ? inode_get(ino) : NULL;
}

int vfs_truncate(struct inode *ino, uint64_t size, struct inode **unmap)
{
	uint32_t n = 1;
	uint64_t old = ino->size;
	*unmap = NULL;
	if (S_ISDIR(ino->mode))
		return -EISDIR;
	if (!S_ISREG(ino->mode))
		return -EINVAL;
	if (size > ino->size && fsize_check(size - 1, &n, 0))
		return -EFBIG;                       /* growing past RLIMIT_FSIZE */
	/* procfs has no truncate: Linux's proc_notify_change accepts the size
	 * and changes nothing (truncate_of_a_proc_file_called_null). */
	int err = ino->ops->truncate ? ino->ops->truncate(ino, size) : 0;
	if (!err)
		*unmap = truncated(ino, old, size);
	return err;
}

void vfs_truncate_unmap(struct inode *unmap, uint64_t size)
{
	if (!unmap)
		return;
	mm_zap_file(unmap, page_up64(size));
	vfs_release(unmap);
}

/* Read or write at off under the lock; *pos (if given) is the offset to
 * use and advance instead. */
static long inode_io(struct file *f, void *buf, uint32_t n, uint64_t off, uint64_t *pos, bool write,
		     unsigned io)
{
	struct inode *ino = f->priv;
	long r;
	if (write ? !may_write(f) : !may_read(f))
		return -EBADF;
	vfs_lock();
	if (pos)
		off = *pos;
	if (write && (f->flags & O_APPEND))
		off = ino->size;                     /* pwrite too, as on Linux */
	if (S_ISDIR(ino->mode))
		r = -EISDIR;
	else if (write)
		r = fsize_check(off, &n, io) ?: ino->ops->write(ino, buf, n, off);
	else
		r = ino->ops->read(ino, buf, n, off);
	if (pos && r > 0)
		*pos = off + (uint64_t)r;
	vfs_unlock();
	return r;
}

static long vfile_read(struct file *f, void *buf, size_t n, unsigned io)
{
	(void)io;                                  /* a RAM file never blocks */
	return inode_io(f, buf, n, 0, &f->pos, false, 0);
}

static long vfile_write(struct file *f, const void *buf, size_t n, unsigned io)
{
	return inode_io(f, (void *)buf, n, 0, &f->pos, true, io);
}

/* The inode (priv) is f->inode too: fstat and file_put use that one. */
static const struct file_ops vfile_ops = { .read = vfile_read, .write = vfile_write };

struct inode *file_inode(struct file *f)
{
	return f->ops == &vfile_ops ? f->priv : NULL;
}

bool file_page_cache(struct file *f)
{
	struct inode *ino = file_inode(f);
	return ino && S_ISREG(ino->mode) && ino->ops->page_cache;
}

/* The largest size a write through f may reach: the largest file, or
 * 2 GiB - 1 without O_LARGEFILE (Linux's generic_write_check_limits). */
static uint64_t write_limit(const struct file *f)
{
	return (f->flags & O_LARGEFILE) ? PAGECACHE_MAX_SIZE : MAX_NON_LFS;
}

/* n bytes at off (below the limit), cut short at it. */
static uint32_t write_cut(const struct file *f, uint64_t off, uint32_t n)
{
	uint64_t room = write_limit(f) - off;
	return n < room ? n : (uint32_t)room;
}

/* What a user read or write claimed of the file (io_claim). */
struct io_claim {
	uint64_t off;                   /* where it goes */
	uint64_t old_size;              /* the size before it */
	uint32_t n;                     /* how many bytes */
	bool pos, write;                /* at the file's offset; a write */
};

/* Under the lock: where a user read or write goes and how much of it: a
 * read is cut at the end of the file; a write grows the file to cover it
 * before a byte is copied, so that appends and shared offsets claim their
 * bytes here, atomically. The offset moves past them now too. */
static long io_claim(struct file *f, struct inode *ino, int64_t at, struct io_claim *c)
{
	c->pos = at < 0;
	c->old_size = ino->size;
	c->off = (c->write && (f->flags & O_APPEND)) ? ino->size : !c->pos ? (uint64_t)at : f->pos;
	int err = c->write ? fsize_check(c->off, &c->n, 0) : 0;   /* O_APPEND: pwrite too, as on Linux */
	if (err)
		return err;
	if (!c->write) {
		c->n = c->off >= ino->size ? 0 : c->n < ino->size - c->off ? c->n : (uint32_t)(ino->size - c->off);
		if (vfs_time_le(ino->atime, ino->mtime) || vfs_time_le(ino->atime, ino->ctime))
			ino->atime = vfs_now();      /* relatime (Linux's default), less its 24 hours */
	} else if (c->off >= write_limit(f)) {
		return -EFBIG;
	} else if ((c->n = write_cut(f, c->off, c->n)) != 0) {
		pagecache_write_begin(ino, c->off);
		if (c->off + c->n > ino->size)
			ino->size = c->off + c->n;
		ino->mtime = ino->ctime = vfs_now();
	}
	if (c->pos)
		f->pos = c->off + c->n;
	return c->n;
}

/* A copy that stopped short (a bad buffer, no frame left): give back the
 * offset and the size it claimed and did not use, unless someone moved
 * them since. */
static void io_unclaim(struct file *f, struct inode *ino, const struct io_claim *c, uint32_t done)
{
	uint64_t end = c->off + c->n, used = c->off + done;
	vfs_lock();
	if (c->pos && f->pos == end)
		f->pos = used;
	if (c->write && ino->size == end && c->old_size < end)
		ino->size = c->old_size > used ? c->old_size : used;
	vfs_unlock();
}

long vfs_io_user(struct file *f, user_ptr_t ubuf, uint32_t n, int64_t at, bool write)
{
	struct inode *ino = f->priv;
	struct io_claim c = { .n = n, .write = write };
	if (!file_page_cache(f))
		return -EINVAL;
	if (write ? !may_write(f) : !may_read(f))
		return -EBADF;
	vfs_lock();
	long claimed = io_claim(f, ino, at, &c);
	if (claimed <= 0) {
		vfs_unlock();
		return claimed;
	}
	long r = pagecache_copy_user(ino, ubuf, c.n, c.off, write);   /* lets the lock go */
	if (r != claimed)
		io_unclaim(f, ino, &c, r > 0 ? (uint32_t)r : 0);
	return r;
}

long vfs_pread(struct file *f, void *buf, uint32_t n, uint64_t off)
{
	return inode_io(f, buf, n, off, NULL, false, 0);
}

long vfs_pwrite(struct file *f, const void *buf, uint32_t n, uint64_t off, unsigned io)
{
	return inode_io(f, (void *)buf, n, off, NULL, true, io);
}

int64_t vfs_seek(struct file *f, int64_t off, uint32_t whence)
{
	struct inode *ino = f->priv;
	vfs_lock();
	int64_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? (int64_t)f->pos : (int64_t)ino->size;
	int64_t to = base + off;
	if (whence > SEEK_END || to < 0 || (S_ISREG(ino->mode) && (uint64_t)to > PAGECACHE_MAX_SIZE))
		to = -EINVAL;                        /* past the largest file: Linux's vfs_setpos */
	else
		f->pos = (uint64_t)to;
	vfs_unlock();
	return to;
}

/* An O_CREAT open: what it needs across the links it follows. */
struct creat {
	uint32_t flags, mode;
	int links;                               /* followed so far (ELOOP past MAXSYMLINKS) */
	bool created;                            /* a new file: no permission check, no O_TRUNC */
	struct inode *unmap;                     /* O_TRUNC's vfs_truncate_unmap, after the lock */
};

static int open_create_at(struct inode *dir, const char *path, struct creat *c, struct inode **out);

/* The inode an O_CREAT open names in parent under last: found or made.
 * A link is followed, and a dangling one makes its target, as Linux. */
static int open_create(struct inode *parent, const char *last, bool slash, struct creat *c,
		       struct inode **out)
{
	struct inode *ino;
	int err = vfs_lookup(parent, *last ? last : ".", 0, &ino);
	if (err == -ENOENT && parent->nlink) {
		if (slash)
			return -EISDIR;
		c->created = true;
		return vfs_create(parent, last, S_IFREG | vfs_umask_mode(c->mode & S_IALLUGO), out);
	}
	if (err)
		return err;
	if (c->flags & O_EXCL)
		return -EEXIST;
	if (S_ISLNK(ino->mode)) {
		if (c->flags & O_NOFOLLOW)
			return -ELOOP;
		return ++c->links > MAXSYMLINKS ? -ELOOP : open_create_at(parent, ino->target, c, out);
	}
	*out = ino;
	return S_ISDIR(ino->mode) ? -EISDIR : 0;
}

static int open_create_at(struct inode *dir, const char *path, struct creat *c, struct inode **out)
{
	struct inode *parent;
	char last[NAME_MAX + 1];
	bool slash;
	int err = vfs_lookup_parent(dir, path, &parent, last, &slash);
	return err ? err : open_create(parent, last, slash, c, out);
}

/* The inode an open names (made if O_CREAT asks), before any check. */
static int open_inode(struct inode *dir, const char *path, struct creat *c, struct inode **out)
{
	if (c->flags & O_CREAT)
		return open_create_at(dir, path, c, out);
	int err = vfs_lookup(dir, path, (c->flags & O_NOFOLLOW) ? 0 : LOOKUP_FOLLOW, out);
	return !err && S_ISLNK((*out)->mode) ? -ELOOP : err;
}

/* What an open asks of an existing file (Linux's may_open). */
static int open_rights(struct inode *ino, uint32_t flags)
{
	uint32_t acc = flags & O_ACCMODE, mask = 0;
	if (acc != O_WRONLY)
		mask |= MAY_READ;
	if (acc != O_RDONLY || (flags & O_TRUNC))
		mask |= MAY_WRITE;
	return vfs_permission(ino, mask);
}

/* What the open flags ask of the inode found. O_TRUNC truncates even
 * with O_RDONLY when the caller may write, as Linux does. */
static int open_checks(struct inode *ino, struct creat *c)
{
	uint32_t flags = c->flags;
	if ((flags & O_DIRECTORY) && !S_ISDIR(ino->mode))
		return -ENOTDIR;
	if (S_ISDIR(ino->mode) && ((flags & O_ACCMODE) != O_RDONLY || (flags & O_TRUNC)))
		return -EISDIR;
	if (c->created)
		return 0;
	int err = open_rights(ino, flags);
	if (!err && (flags & O_TRUNC) && S_ISREG(ino->mode)) {
		uint64_t old = ino->size;
		err = ino->ops->truncate ? ino->ops->truncate(ino, 0) : -EACCES;
		if (!err)
			c->unmap = truncated(ino, old, 0);
	}
	return err;
}

/* The open file for ino (a reference the file takes over): a device's
 * driver, its file system's open, or the inode's own data. */
static int open_file(struct inode *ino, uint32_t flags, struct file **out)
{
	if (S_ISCHR(ino->mode))
		return chrdev_open(ino->rdev, flags, out);
	if (S_ISFIFO(ino->mode))
		return pipe_fifo_open(ino->priv, flags, out);
	if (S_ISBLK(ino->mode) || S_ISSOCK(ino->mode))
		return -ENXIO;                       /* no block devices; sockets are not opened */
	if (S_ISREG(ino->mode) && ino->ops->open)
		return ino->ops->open(ino, flags, out);
	*out = file_new(&vfile_ops, ino);
	return *out ? 0 : -ENOMEM;
}

/* The inode an open found, referenced for the open file, and counted as
 * a writer of its device (remount,ro) if it is a regular file opened for
 * writing, as Linux's FMODE_WRITER; the lock is held. Whether it is one. */
static bool open_hold(struct inode *ino, uint32_t flags)
{
	bool writer = S_ISREG(ino->mode) && (flags & O_ACCMODE) != O_RDONLY;
	inode_get(ino);
	if (writer)
		vfs_dev_writers_add(ino->dev, 1);
	return writer;
}

int vfs_open(struct inode *dir, const char *path, uint32_t flags, uint32_t mode, struct file **out)
{
	struct inode *ino;
	struct creat c = { .flags = flags, .mode = mode };
	bool writer = false;
	vfs_lock();
	int err = open_inode(dir, path, &c, &ino);
	err = err ?: open_checks(ino, &c);
	if (!err && S_ISFIFO(ino->mode) && !ino->priv && !(ino->priv = pipe_fifo_new()))
		err = -ENOMEM;                       /* its pipe, at the first open */
	if (!err)
		writer = open_hold(ino, flags);
	vfs_unlock();
	vfs_truncate_unmap(c.unmap, 0);
	if (err)
		return err;
	err = open_file(ino, flags, out);       /* without the lock: a driver may sleep */
	if (err) {
		struct file gone = { .inode = ino, .writer = writer };
		vfs_file_inode_put(&gone);
		return err;
	}
	(*out)->inode = ino;
	(*out)->writer = writer;
	(*out)->flags = flags & ~OPEN_DROPPED_FLAGS;
	return 0;
}

int vfs_file_stat(struct file *f, struct kstat *st)
{
	if (!f->inode)
		return f->ops->stat ? f->ops->stat(f, st) : -EINVAL;
	vfs_lock();
	vfs_stat(f->inode, st);
	vfs_unlock();
	return 0;
}

/* A reference to the regular file at path and its size; exec: one the
 * caller may run (EACCES otherwise, as for anything not regular). */
static int open_regular(const char *path, bool exec, struct inode **out, uint32_t *size)
{
	vfs_lock();
	int err = vfs_lookup(NULL, path, LOOKUP_FOLLOW, out);
	if (!err && !S_ISREG((*out)->mode))
		err = -EACCES;
	if (!err && exec)
		err = vfs_permission(*out, MAY_EXEC);
	if (!err) {
		inode_get(*out);
		*size = (uint32_t)(*out)->size;
	}
	vfs_unlock();
	return err;
}

int vfs_open_inode(const char *path, struct inode **out, uint32_t *size)
{
	return open_regular(path, true, out, size);
}

long vfs_inode_read(struct inode *ino, void *buf, uint32_t n, uint64_t off)
{
	vfs_lock();
	long r = ino->ops->read(ino, buf, n, off);
	vfs_unlock();
	return r;
}

int vfs_read_file(const char *path, void **data, uint32_t *size)
{
	struct inode *ino;
	int err = open_regular(path, false, &ino, size);
	if (err)
		return err;
	char *buf = kmalloc(*size + 1);
	long r = buf ? vfs_inode_read(ino, buf, *size, 0) : -ENOMEM;
	if (r >= 0 && (uint32_t)r != *size)
		r = -EIO;
	if (r < 0) {
		kfree(buf);
	} else {
		buf[*size] = '\0';
		*data = buf;
	}
	vfs_release(ino);
	return r < 0 ? (int)r : 0;
}

/* The entry at index pos (from DIR_POS_FIRST) of dir, starting from the
 * cursor *cur (the entry at index *cur_pos) when it is still good: no
 * entry has left dir since it was set (dir_gen). */
static struct dentry *entry_at(struct inode *dir, uint32_t pos, struct dir_cursor *cur)
{
	struct dentry *e = dir->entries;
	uint32_t i = DIR_POS_FIRST;
	if (cur && cur->entry && cur->gen == dir->dir_gen && cur->pos <= pos) {
		e = cur->entry;
		i = cur->pos;
	}
	for (; e && i < pos; i++)
		e = e->next;
	if (cur && e)                            /* past the end: keep the last, for what comes */
		*cur = (struct dir_cursor){ .entry = e, .pos = pos, .gen = dir->dir_gen };
	return e;
}

static int readdir(struct inode *dir, uint32_t *pos, struct vfs_dirent *d, struct dir_cursor *cur)
{
	if (*pos <= DIR_POS_DOTDOT) {
		struct inode *to = *pos == DIR_POS_DOT || !dir->nlink ? dir : vfs_dotdot(dir);
		*d = (struct vfs_dirent){ .name = dots, .len = *pos + 1, .ino = to->ino, .type = DT_DIR,
					  .words = true };
		(*pos)++;
		return 1;
	}
	if (dir->ops->readdir) {
		int r = dir->nlink ? dir->ops->readdir(dir, *pos - DIR_POS_FIRST, d) : 0;
		*pos += (uint32_t)r;
		return r;
	}
	struct dentry *e = dir->nlink ? entry_at(dir, *pos, cur) : NULL;
	if (!e)
		return 0;
	*d = (struct vfs_dirent){ .name = e->name, .len = e->len,
				  .ino = e->inode->ino, .type = (e->inode->mode & S_IFMT) >> S_DT_SHIFT };
	(*pos)++;
	return 1;
}

int vfs_readdir(struct inode *dir, uint32_t *pos, struct vfs_dirent *d)
{
	return readdir(dir, pos, d, NULL);
}

/* One entry the slow way (the dots, /proc's): *pos moves only once emitted. */
static bool readdir_one(struct inode *dir, uint32_t *pos, vfs_emit_fn emit, void *ctx)
{
	struct vfs_dirent d;
	uint32_t at = *pos;
	if (readdir(dir, &at, &d, NULL) != 1 || !emit(ctx, &d, at))
		return false;
	*pos = at;
	return true;
}

int vfs_readdir_batch(struct file *f, uint32_t *pos, vfs_emit_fn emit, void *ctx)
{
	struct inode *dir = f->priv;
	struct vfs_dirent d;
	int n = 0;
	while (*pos <= DIR_POS_DOTDOT && readdir_one(dir, pos, emit, ctx))
		n++;
	while (*pos > DIR_POS_DOTDOT && dir->ops->readdir && readdir_one(dir, pos, emit, ctx))
		n++;                                 /* /proc makes its entries itself */
	if (*pos <= DIR_POS_DOTDOT || !dir->nlink || dir->ops->readdir)
		return n;                            /* stopped in the dots, or nothing more */
	/* One walk over the entries: the cursor is looked at once, not per entry. */
	struct dentry *e = entry_at(dir, *pos, &f->dir_cursor), *last = NULL;
	for (; e; e = e->next, n++) {
		d = (struct vfs_dirent){ .name = e->name, .len = e->len, .ino = e->inode->ino,
					 .type = (e->inode->mode & S_IFMT) >> S_DT_SHIFT, .words = true };
		if (!emit(ctx, &d, *pos + 1))
			break;
		last = e;
		(*pos)++;
	}
	if (last)
		f->dir_cursor = (struct dir_cursor){ .entry = last, .pos = *pos - 1, .gen = dir->dir_gen };
	return n;
}
